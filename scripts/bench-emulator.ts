import { join } from 'node:path';
import { LABS } from '../labs';
import { allLabs, registerLabs } from '../lib/lab/catalogue';
import { LabToolkit } from '../lib/operations/lab-toolkit';
import { SILENT_PROGRESS } from '../lib/operations/progress';
import { startEmulator, stopEmulator } from '../lib/targets/ministack-host';
import { emulatorSession } from '../lib/targets/session';
import { groupRssMiB, measure, type Row, type Sample, sides } from './bench';

registerLabs(LABS);

/**
 * The emulator half of `npm run bench`: MiniStack's start time and peak memory, and per lab the
 * wall time of `npx labs deploy <lab>` and `npx labs destroy <lab>` as whole CLI processes on the
 * running emulator (start-up, synth, deploy, compatibility steps, leftover scan), paired with the
 * baseline checkout when BENCH_BASELINE is set. Uses its own port (BENCH_EMULATOR_PORT, default
 * 4599) so it never touches an emulator you are using.
 */
export async function benchEmulator(runs = Number(process.env.BENCH_EMULATOR_RUNS ?? 3)): Promise<Row[]> {
  process.env.LABKIT_EMULATOR_PORT = process.env.BENCH_EMULATOR_PORT ?? '4599';
  const rows = new Map<string, Row>();
  const add = (name: string, side: 'baseline' | 'current', sample: Sample) => {
    const row = rows.get(name) ?? { name, runs, current: [], baseline: [] };
    row[side].push(sample);
    rows.set(name, row);
  };
  const labs = allLabs().filter((lab) => lab.support.ministack.level !== 'none');
  process.stderr.write('emulator: start');
  const started = await startEmulator(() => {});
  if (!started.startedByKit || started.pid === undefined) {
    throw new Error(`an emulator already listens on port ${process.env.LABKIT_EMULATOR_PORT}; stop it first`);
  }
  add('MiniStack start (spawn to healthy)', 'current', { seconds: started.startSeconds, peakMiB: 0 });
  let peak = groupRssMiB(started.pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupRssMiB(started.pid as number));
  }, 250);
  const labsCli = (dir: string, ...args: string[]) => [
    process.execPath,
    join(dir, 'bin', 'labs.mjs'),
    ...args,
  ];
  try {
    await new LabToolkit({
      session: emulatorSession('ministack'),
      progress: SILENT_PROGRESS,
    }).bootstrapIfNeeded();
    for (let run = 1; run <= runs; run++) {
      process.stderr.write(`\nemulator run ${run}/${runs}:`);
      for (const lab of labs) {
        for (const { side, dir } of sides()) {
          process.stderr.write(` ${lab.id}${side === 'baseline' ? 'b' : ''}`);
          add(`npx labs deploy ${lab.id}`, side, await measure(labsCli(dir, 'deploy', lab.id), dir));
          add(`npx labs destroy ${lab.id}`, side, await measure(labsCli(dir, 'destroy', lab.id), dir));
        }
      }
    }
  } finally {
    clearInterval(sampler);
    await stopEmulator(() => {});
  }
  add('MiniStack peak memory, MiB (with its Lambda workers)', 'current', { seconds: peak, peakMiB: peak });
  process.stderr.write('\n');
  return [...rows.values()].map((row) => ({
    ...row,
    runs: Math.max(row.current.length, row.baseline.length),
  }));
}
