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
 * BENCH_ONLY=synth,test,emulator picks sections (default: those three); `labs` measures the cost
 * of a lab to `npm test` (see {@link benchLabCount}).
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

interface Measurement {
  readonly name: string;
  readonly command: (dir: string) => string[];
  readonly env?: Record<string, string | undefined>;
  /** For rows the baseline lacks. */
  readonly only?: 'current';
}

/**
 * Paired and interleaved: each run measures every row, each on the baseline and then on the current
 * tree, so all of them see the same machine load.
 */
async function bench(title: string, runs: number, measurements: Measurement[]): Promise<Row[]> {
  process.stderr.write(`${title}: `);
  const rows: Row[] = measurements.map((m) => ({ name: m.name, runs, current: [], baseline: [] }));
  for (let i = 0; i < runs; i++) {
    for (const [index, m] of measurements.entries()) {
      for (const { side, dir } of sides()) {
        if (m.only && side !== m.only) continue;
        rows[index][side].push(await measure(m.command(dir), dir, m.env));
        process.stderr.write(side === 'current' ? '.' : 'b');
      }
    }
  }
  process.stderr.write('\n');
  return rows;
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
  '-o',
  join(dir, 'cdk.out'),
];

async function benchSynth(): Promise<void> {
  const rows = await bench('synth', synthRuns, [
    { name: 'cdk synth lab-03', command: (dir) => cdk(dir, 'synth', 'lab-03', '--quiet') },
    {
      name: 'in-process floor: lab-03 alone, one process, no validation, no bundling (scripts/synth-floor.ts)',
      command: (dir) => [
        process.execPath,
        '--import',
        'tsx',
        join(dir, 'scripts', 'synth-floor.ts'),
        'lab-03',
      ],
      only: 'current',
    },
    { name: 'cdk synth --all', command: (dir) => cdk(dir, 'synth', '--all', '--quiet') },
    { name: 'cdk ls', command: (dir) => cdk(dir, 'ls') },
  ]);
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
  const rows = await bench('unit tests', testRuns, [
    // Cold: the lab cache is built in the run, as in CI from a clean clone.
    {
      name: 'npm test (cold: lab cache built in the run)',
      command: jest,
      env: { LABKIT_TEST_CACHE: 'fresh' },
    },
    { name: 'npm test (warm: unchanged tree, lab cache reused)', command: jest, only: 'current' },
  ]);
  printRows('unit tests', rows);
}

/**
 * The cost of a lab to `npm test`: the suite, cold, in checkouts that differ only in their number of
 * labs (make them with `npm run new-lab` in copies), interleaved. BENCH_LAB_DIRS=<labs>:<dir>,...
 * (for example 4:/tmp/kit-4,12:/tmp/kit-12); prints each median and the seconds per added lab.
 */
async function benchLabCount(): Promise<void> {
  const dirs = (process.env.BENCH_LAB_DIRS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [labs, dir] = entry.split(/:(.*)/s);
      return { labs: Number(labs), dir };
    });
  if (dirs.length < 2) throw new Error('BENCH_LAB_DIRS needs two or more <labs>:<dir> entries');
  const samples = new Map<string, Sample[]>(dirs.map((d) => [d.dir, []]));
  process.stderr.write('npm test by number of labs: ');
  for (let i = 0; i < testRuns; i++) {
    for (const { dir } of dirs) {
      const jest = [
        process.execPath,
        join(dir, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        '--silent',
      ];
      samples.get(dir)?.push(await measure(jest, dir, { LABKIT_TEST_CACHE: 'fresh' }));
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  console.log('\n### npm test (cold) by number of labs\n');
  console.log('| checkout | labs | runs | median s | peak MiB (median) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const { labs, dir } of dirs) {
    const s = samples.get(dir) ?? [];
    console.log(`| ${dir} | ${labs} | ${s.length} | ${fmt(s, 'seconds', 2)} | ${fmt(s, 'peakMiB', 0)} |`);
  }
  const [first, last] = [dirs[0], dirs[dirs.length - 1]];
  const at = (d: { dir: string }) => median((samples.get(d.dir) ?? []).map((s) => s.seconds));
  const perLab = (at(last) - at(first)) / (last.labs - first.labs);
  console.log(
    `\nmarginal: ${perLab.toFixed(2)} s per added lab; projected for 18 labs: ${(at(first) + (18 - first.labs) * perLab).toFixed(1)} s`,
  );
}

(async () => {
  const only = (process.env.BENCH_ONLY ?? 'synth,test,emulator').split(',');
  if (baseline && !existsSync(join(baseline, 'node_modules'))) {
    throw new Error(`BENCH_BASELINE=${baseline} has no node_modules: link this checkout's there`);
  }
  if (only.includes('synth')) await benchSynth();
  if (only.includes('test')) await benchTests();
  if (only.includes('labs')) await benchLabCount();
  if (only.includes('emulator')) printRows('on MiniStack (whole CLI processes)', await benchEmulator());
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
