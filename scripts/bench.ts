import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEmulator } from './bench-emulator';

/**
 * `npm run bench`: wall time and peak memory, medians over several cold runs, each a new process as
 * a user runs it.
 *
 * - synth: `cdk synth lab-03` against its in-process floor (scripts/synth-floor.ts: that one stack,
 *   one process, no validation, no bundling), and `cdk synth --all`
 * - test: the unit suite (`jest --ci`), with the lab cache built in the run (cold, as in CI) and
 *   reused (warm, an unchanged tree)
 * - emulator (scripts/bench-emulator.ts): per lab, `labs deploy` and `labs destroy` as whole CLI
 *   processes on a running MiniStack; its start time and peak memory
 *
 * Paired: with BENCH_BASELINE=<directory of another checkout> (node_modules linked), every
 * measurement alternates between that checkout and this one within the run, so both see the same
 * machine load; the table shows both medians and their ratio. Memory is the peak of the sum of the
 * resident memory of the whole process tree (jest and its workers, the CDK CLI and the app).
 *
 * Runs: BENCH_RUNS (default 5) for synth, BENCH_TEST_RUNS (default 3) for the tests,
 * BENCH_EMULATOR_RUNS (default 3) on the emulator (port BENCH_EMULATOR_PORT, default 4599).
 * BENCH_ONLY=synth,test,emulator picks sections.
 */
const root = join(__dirname, '..');
const baseline = process.env.BENCH_BASELINE;
const synthRuns = Number(process.env.BENCH_RUNS ?? 5);
const testRuns = Number(process.env.BENCH_TEST_RUNS ?? 3);

export interface Sample {
  seconds: number;
  peakMiB: number;
}

/** Resident memory (MiB) of every process in a process group. */
export function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: process group
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      kib += rss ? Number(rss[1]) : 0;
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
}

/** Runs a command in its own process group; its wall time and the peak memory of the whole group. */
export function measure(
  command: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<Sample> {
  const started = Date.now();
  const child = spawn(command[0], command.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, groupRssMiB(child.pid));
  }, 100);
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`${command.join(' ')} in ${cwd} failed (exit ${code}):\n${stderr}`));
      else resolve({ seconds: (Date.now() - started) / 1000, peakMiB: peak });
    }),
  );
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface Row {
  readonly name: string;
  readonly runs: number;
  readonly current: Sample[];
  readonly baseline: Sample[];
}

/** The checkouts to measure: the baseline (when given) and this one, in alternating order. */
export const sides = (): { side: 'baseline' | 'current'; dir: string }[] => [
  ...(baseline ? [{ side: 'baseline' as const, dir: baseline }] : []),
  { side: 'current' as const, dir: root },
];

/** Paired: each run measures the baseline, then the current tree. `only: 'current'` for rows the baseline lacks. */
async function bench(
  name: string,
  runs: number,
  command: (dir: string) => string[],
  options: { env?: Record<string, string | undefined>; only?: 'current' } = {},
): Promise<Row> {
  process.stderr.write(`${name}: `);
  const row: Row = { name, runs, current: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    for (const { side, dir } of sides()) {
      if (options.only && side !== options.only) continue;
      row[side].push(await measure(command(dir), dir, options.env));
      process.stderr.write(side === 'current' ? '.' : 'b');
    }
  }
  process.stderr.write('\n');
  return row;
}

const fmt = (samples: Sample[], key: keyof Sample, digits: number) =>
  samples.length ? median(samples.map((s) => s[key])).toFixed(digits) : '-';

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n### ${title}\n`);
  if (baseline) {
    console.log(
      '| measurement | runs | before: median s | after: median s | after/before | before: peak MiB | after: peak MiB |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
  } else {
    console.log('| measurement | runs | median s | min s | peak MiB (median) |');
    console.log('| --- | --- | --- | --- | --- |');
  }
  for (const r of rows) {
    if (baseline) {
      const ratio =
        r.baseline.length && r.current.length
          ? (median(r.current.map((s) => s.seconds)) / median(r.baseline.map((s) => s.seconds))).toFixed(2)
          : '-';
      console.log(
        `| ${r.name} | ${r.runs} | ${fmt(r.baseline, 'seconds', 2)} | ${fmt(r.current, 'seconds', 2)} | ${ratio} | ${fmt(r.baseline, 'peakMiB', 0)} | ${fmt(r.current, 'peakMiB', 0)} |`,
      );
    } else {
      const min = r.current.length ? Math.min(...r.current.map((s) => s.seconds)).toFixed(2) : '-';
      console.log(
        `| ${r.name} | ${r.runs} | ${fmt(r.current, 'seconds', 2)} | ${min} | ${fmt(r.current, 'peakMiB', 0)} |`,
      );
    }
  }
}

/** The CDK CLI as `npx cdk` runs it, offline (no credentials: no account lookup, no validation by default). */
const cdk = (dir: string, ...args: string[]) => [
  process.execPath,
  join(dir, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
  ...args,
  '--quiet',
  '-o',
  join(dir, 'cdk.out'),
];

async function benchSynth(): Promise<void> {
  const rows = [
    await bench('cdk synth lab-03', synthRuns, (dir) => cdk(dir, 'synth', 'lab-03')),
    await bench(
      'in-process floor: lab-03 alone, one process, no validation, no bundling (scripts/synth-floor.ts)',
      synthRuns,
      (dir) => [process.execPath, '--import', 'tsx', join(dir, 'scripts', 'synth-floor.ts'), 'lab-03'],
      { only: 'current' },
    ),
    await bench('cdk synth --all', synthRuns, (dir) => cdk(dir, 'synth', '--all')),
  ];
  printRows('synth', rows);
  const synth = median(rows[0].current.map((s) => s.seconds));
  const floor = median(rows[1].current.map((s) => s.seconds));
  console.log(`\ncdk synth lab-03 / floor: ${(synth / floor).toFixed(2)}x (target: at most 2.5x)`);
  if (baseline) {
    console.log(
      `before: ${(median(rows[0].baseline.map((s) => s.seconds)) / floor).toFixed(2)}x the same floor`,
    );
  }
}

async function benchTests(): Promise<void> {
  const jest = (dir: string) => [
    process.execPath,
    join(dir, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--ci',
    '--silent',
  ];
  const rows = [
    // Cold: the lab cache is built in the run, as in CI from a clean clone.
    await bench('npm test (cold: lab cache built in the run)', testRuns, jest, {
      env: { LABKIT_TEST_CACHE: 'fresh' },
    }),
    await bench('npm test (warm: unchanged tree, lab cache reused)', testRuns, jest, { only: 'current' }),
  ];
  printRows('unit tests', rows);
}

(async () => {
  const only = (process.env.BENCH_ONLY ?? 'synth,test,emulator').split(',');
  if (baseline && !existsSync(join(baseline, 'node_modules'))) {
    throw new Error(`BENCH_BASELINE=${baseline} has no node_modules: link this checkout's there`);
  }
  if (only.includes('synth')) await benchSynth();
  if (only.includes('test')) await benchTests();
  if (only.includes('emulator')) printRows('on MiniStack (whole CLI processes)', await benchEmulator());
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
