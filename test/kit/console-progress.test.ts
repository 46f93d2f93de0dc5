import { ConsoleProgress } from '../../lib/operations/progress';

/**
 * The transient status line on a terminal: erased before anything else is printed (issue 24 item
 * 5: `fulfilment table 765/765  [pass] Fan out...`), and plain lines when the terminal's width is
 * unknown or 0 (a zero-width pseudo-terminal cut every status one character short).
 */

/** A stand-in for process.stderr that records what is written. */
function fakeStream(columns: number | undefined, isTTY = true) {
  const writes: string[] = [];
  const stream = { isTTY, columns, write: (chunk: string) => writes.push(chunk) > 0 };
  return { writes, stream: stream as unknown as NodeJS.WriteStream };
}

/** What a terminal shows: `\r\x1b[2K` erases the row so far. */
function screen(writes: string[]): string[] {
  return writes
    .join('')
    .split('\n')
    .map((row) => row.split('\r\x1b[2K').pop() ?? '');
}

test.each([0, undefined])('a terminal of width %s gets every status whole, as a line', (columns) => {
  const { writes, stream } = fakeStream(columns);
  const progress = new ConsoleProgress(stream);
  progress.status('fulfilment table 765/765');
  progress.status('lab-02  3/4  CREATE_COMPLETE  Queue  1.0 s');
  expect(progress.isInteractive()).toBe(false);
  expect(writes).toEqual(['fulfilment table 765/765\n', 'lab-02  3/4  CREATE_COMPLETE  Queue  1.0 s\n']);
});

test('on an 80-column terminal a status is replaced, cut to the width, and erased before a result', () => {
  const { writes, stream } = fakeStream(80);
  const progress = new ConsoleProgress(stream);
  expect(progress.isInteractive()).toBe(true);
  progress.status('fulfilment table 764/765');
  progress.status(`fulfilment table 765/765 ${'x'.repeat(100)}`);
  // The CLI's result printer (stdout, same terminal) clears first; simulate both streams as one.
  progress.clear();
  writes.push('  [pass] Fan out (1.0 s): 765 of 765\n');
  progress.status('lab-02  1/2');
  progress.line('bootstrapped in 3.0 s');
  expect(screen(writes)).toEqual(['  [pass] Fan out (1.0 s): 765 of 765', 'bootstrapped in 3.0 s', '']);
  expect(Math.max(...writes.map((w) => w.length))).toBeLessThanOrEqual(79);
});

test('clear does nothing when no status is pending', () => {
  const { writes, stream } = fakeStream(80);
  const progress = new ConsoleProgress(stream);
  progress.clear();
  progress.line('done');
  progress.clear();
  expect(writes).toEqual(['done\n']);
});
