import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchEmulator } from './bench-emulator';

/**
 * `npm run bench`: timings of the unit layer, medians over several cold runs.
 *
 * - `cdk synth lab-03` and `cdk synth --all`, each as a new process (as a user runs them), with
 *   and without aws-cdk-lib's built-in CloudFormation validation
 * - the unit test suite (`jest --ci`): wall time and peak memory of its largest process
 *
 * - on MiniStack (scripts/bench-emulator.ts): the emulator's start time and peak memory, and per lab
 *   deploy, verify and destroy seconds
 *
 * Runs: BENCH_RUNS (default 5) for synth, BENCH_TEST_RUNS (default 3) for the test suite,
 * BENCH_EMULATOR_RUNS (default 3) on the emulator. BENCH_ONLY=unit|emulator runs one half.
 */
const root = join(__dirname, '..');
const synthRuns = Number(process.env.BENCH_RUNS ?? 5);
const testRuns = Number(process.env.BENCH_TEST_RUNS ?? 3);

interface Sample {
  seconds: number;
  peakMiB: number;
}

/** Runs a command under GNU time and returns its wall time and the peak RSS of its largest process. */
function measure(command: string[], env: Record<string, string> = {}): Sample {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`${command.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const lastLine = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kib] = lastLine.split(' ').map(Number);
  return { seconds, peakMiB: kib / 1024 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function bench(name: string, runs: number, command: string[], env: Record<string, string> = {}) {
  process.stderr.write(`${name}: `);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(measure(command, env));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return {
    name,
    runs,
    medianSeconds: median(samples.map((s) => s.seconds)),
    minSeconds: Math.min(...samples.map((s) => s.seconds)),
    medianPeakMiB: Math.round(median(samples.map((s) => s.peakMiB))),
  };
}

async function benchUnit() {
  const cdk = [join(root, 'node_modules', '.bin', 'cdk')];
  const jest = [join(root, 'node_modules', '.bin', 'jest'), '--ci', '--silent'];
  const results = [
    bench('cdk synth lab-03 (validation on)', synthRuns, [...cdk, 'synth', 'lab-03', '--quiet']),
    bench('cdk synth lab-03 --no-validation', synthRuns, [
      ...cdk,
      'synth',
      'lab-03',
      '--quiet',
      '--no-validation',
    ]),
    bench('cdk synth --all (validation on)', synthRuns, [...cdk, 'synth', '--all', '--quiet']),
    bench('cdk synth --all --no-validation', synthRuns, [
      ...cdk,
      'synth',
      '--all',
      '--quiet',
      '--no-validation',
    ]),
    bench('unit tests (jest --ci)', testRuns, jest),
  ];
  console.log('\n| measurement | runs | median s | min s | peak MiB (median) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.runs} | ${r.medianSeconds.toFixed(2)} | ${r.minSeconds.toFixed(2)} | ${r.medianPeakMiB} |`,
    );
  }
}

async function benchOnEmulator() {
  const rows = await benchEmulator();
  console.log('\n| on MiniStack | runs | median | min |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.runs} | ${r.median.toFixed(r.unit === 's' ? 2 : 0)} ${r.unit} | ${r.min.toFixed(r.unit === 's' ? 2 : 0)} ${r.unit} |`,
    );
  }
}

(async () => {
  const only = process.env.BENCH_ONLY;
  if (only !== 'emulator') await benchUnit();
  if (only !== 'unit') await benchOnEmulator();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
