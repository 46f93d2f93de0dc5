import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../lib/catalogue';
import { loadExperiments } from '../lib/experiments/registry';
import { runExperiments, summarize } from '../lib/experiments/runner';
import { LabToolkit } from '../lib/operations/lab-toolkit';
import { SILENT_PROGRESS } from '../lib/operations/progress';
import { PROJECT_ROOT } from '../lib/paths';
import { startEmulator, stopEmulator } from '../lib/targets/ministack-host';
import { clientConfigFor } from '../lib/targets/target';

/**
 * The emulator half of `npm run bench`: MiniStack's start time and peak memory, and per lab the
 * deploy, verify and destroy seconds, medians over BENCH_EMULATOR_RUNS (default 3) runs. Uses its
 * own port (BENCH_EMULATOR_PORT, default 4599) so it never touches an emulator you are using.
 */

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Resident memory (MiB) of every process in a process group: MiniStack and its Lambda workers. */
function groupRssMiB(pgid: number): number {
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

/** Wall seconds of one `labs` CLI process against the bench emulator. */
function cliSeconds(args: string[]): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'labs.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    env: process.env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`labs ${args.join(' ')} failed:\n${result.stderr.slice(-1500)}`);
  return (Date.now() - started) / 1000;
}

export interface EmulatorBenchRow {
  readonly name: string;
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly unit: 's' | 'MiB';
}

export async function benchEmulator(
  runs = Number(process.env.BENCH_EMULATOR_RUNS ?? 3),
): Promise<EmulatorBenchRow[]> {
  process.env.LABKIT_EMULATOR_PORT = process.env.BENCH_EMULATOR_PORT ?? '4599';
  const samples = new Map<string, number[]>();
  const add = (name: string, value: number) => samples.set(name, [...(samples.get(name) ?? []), value]);
  const labs = CATALOGUE.filter((lab) => lab.support.ministack.level !== 'none');

  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`emulator run ${run}/${runs}: start`);
    const started = await startEmulator(() => {});
    if (!started.startedByKit || started.pid === undefined) {
      throw new Error(
        `an emulator already listens on port ${process.env.LABKIT_EMULATOR_PORT}; stop it first`,
      );
    }
    add('MiniStack start (spawn to healthy)', started.startSeconds);
    let peak = groupRssMiB(started.pid);
    const sampler = setInterval(() => {
      peak = Math.max(peak, groupRssMiB(started.pid as number));
    }, 250);
    const toolkit = new LabToolkit({ target: 'ministack', progress: SILENT_PROGRESS, validation: false });
    try {
      const synthStarted = Date.now();
      await toolkit.synth();
      add(
        'synth of every lab for MiniStack (in-process, bundling, no validation)',
        (Date.now() - synthStarted) / 1000,
      );
      const bootstrapStarted = Date.now();
      await toolkit.bootstrapIfNeeded();
      add('cdk bootstrap of the emulator', (Date.now() - bootstrapStarted) / 1000);
      for (const lab of labs) {
        process.stderr.write(` ${lab.id}`);
        const deployed = await toolkit.deploy(lab);
        add(`${lab.id} deploy`, deployed.seconds);
        const experiments = await loadExperiments(lab);
        const verifyStarted = Date.now();
        const results = await runExperiments(experiments, {
          lab,
          target: 'ministack',
          outputs: await toolkit.outputsOf(lab),
          clientConfig: clientConfigFor('ministack'),
          progress: () => {},
        });
        add(`${lab.id} verify`, (Date.now() - verifyStarted) / 1000);
        const { failed } = summarize(results);
        if (failed > 0) process.stderr.write(` (${failed} experiment(s) failed)`);
        const destroyed = await toolkit.destroy(lab);
        add(`${lab.id} destroy`, destroyed.seconds);
      }
      // What a user waits for: a whole CLI process, including start-up and synth.
      for (const command of ['deploy', 'verify', 'destroy']) {
        add(`npx labs ${command} lab-02 (whole CLI process)`, cliSeconds([command, 'lab-02']));
      }
    } finally {
      clearInterval(sampler);
      await toolkit.dispose();
      await stopEmulator(() => {});
    }
    add('MiniStack peak memory (with its Lambda workers)', peak);
    process.stderr.write('\n');
  }
  return [...samples.entries()].map(([name, values]) => ({
    name,
    runs: values.length,
    median: median(values),
    min: Math.min(...values),
    unit: name.includes('memory') ? 'MiB' : 's',
  }));
}
