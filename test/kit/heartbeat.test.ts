import { Heartbeat, RecordingProgress } from '../../lib/operations/progress';

/**
 * Long waits show time passing (issue 24 item 4): after 3 s without output, a status names what
 * is awaited and for how long, repeated each second on a terminal and each 10 s in a log.
 */

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A recording reporter that says it is (or is not) a terminal. */
function recording(interactive: boolean): RecordingProgress {
  const progress = new RecordingProgress();
  return Object.assign(progress, { isInteractive: () => interactive });
}

test('a named wait shows its seconds since the start once output pauses for 3 s', async () => {
  const progress = recording(true);
  const heartbeat = new Heartbeat(progress);
  let finish = () => {};
  const done = heartbeat.during(
    () =>
      new Promise<string>((resolve) => {
        finish = () => resolve('bootstrapped');
      }),
    'the bootstrap stack CDKToolkit',
  );
  heartbeat.status('CDKToolkit  1/12  CREATE_COMPLETE  Bucket  0.5 s');
  await jest.advanceTimersByTimeAsync(2000);
  expect(progress.statuses).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(3000);
  expect(progress.statuses.slice(1)).toEqual([
    'waiting for the bootstrap stack CDKToolkit (3 s)',
    'waiting for the bootstrap stack CDKToolkit (4 s)',
    'waiting for the bootstrap stack CDKToolkit (5 s)',
  ]);
  finish();
  await expect(done).resolves.toBe('bootstrapped');
  await jest.advanceTimersByTimeAsync(10_000);
  expect(progress.statuses).toHaveLength(4);
});

test('an unnamed wait repeats the last line with its age; in a log every 10 s', async () => {
  const progress = recording(false);
  const heartbeat = new Heartbeat(progress);
  const done = heartbeat.during(async () => {
    heartbeat.line('installing ministack==1.5.33 from PyPI');
    await new Promise((resolve) => setTimeout(resolve, 25_000));
  });
  await jest.advanceTimersByTimeAsync(25_000);
  await done;
  expect(progress.lines).toEqual(['installing ministack==1.5.33 from PyPI']);
  expect(progress.statuses).toEqual([
    'installing ministack==1.5.33 from PyPI (10 s)',
    'installing ministack==1.5.33 from PyPI (20 s)',
  ]);
});

test('after forget (a result was printed) a quiet wait shows nothing stale', async () => {
  const progress = recording(true);
  const heartbeat = new Heartbeat(progress);
  const done = heartbeat.during(async () => {
    heartbeat.status('  waiting for a tick of each clock');
    heartbeat.forget();
    await new Promise((resolve) => setTimeout(resolve, 8000));
  });
  await jest.advanceTimersByTimeAsync(8000);
  await done;
  expect(progress.statuses).toEqual(['  waiting for a tick of each clock']);
});

test('a paused heartbeat stays silent (a question on the terminal), then resumes', async () => {
  const progress = recording(true);
  const heartbeat = new Heartbeat(progress);
  const done = heartbeat.during(async () => {
    await heartbeat.paused(() => new Promise((resolve) => setTimeout(resolve, 10_000)));
    await new Promise((resolve) => setTimeout(resolve, 4500));
  }, 'stack lab-13');
  await jest.advanceTimersByTimeAsync(14_500);
  await done;
  // Silent for the 10 s of the question, and for 3 s after the answer.
  expect(progress.statuses).toEqual(['waiting for stack lab-13 (13 s)', 'waiting for stack lab-13 (14 s)']);
});
