/**
 * Predictions are answerable (issue 24 item 14): a question gives the numbers its answer depends on,
 * and a prediction or quiz answer whose experiment does not run on the target says so before the
 * learner answers (predict) or where the quiz points at it, not only after `verify`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPECTED, ordersOf } from '../../labs/lab-02-fan-out/experiments/fan-out-helpers';
import { type CommandIo, predictCommand, quizCommand } from '../../lib/cli/commands';
import { allLabs, findLab } from '../../lib/lab/catalogue';
import { practiceTarget, targetsMeasuring, whyNotMeasuredOn } from '../../lib/practice/measured-on';
import type { Prediction } from '../../lib/practice/predictions';
import { ProgressStore } from '../../lib/practice/progress';
import { answerOf, letterOf, shuffleQuiz } from '../../lib/practice/quiz';

let dir: string;
let store: ProgressStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-answerable-'));
  store = new ProgressStore(join(dir, 'progress.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), progress: { line: (l) => lines.push(l), status() {} } };
}

test("lab-02's billing question gives the order mix the fan-out experiment publishes", () => {
  const question = findLab('lab-02').predictions?.find((p) => p.id === 'billing-orders')?.question ?? '';
  // The fan-out experiment publishes 1,000 orders (fan-out.ts ORDER_COUNT).
  const orders = ordersOf('mix', 1000);
  const count = (type?: string) => orders.filter((o) => o.eventType === type).length;
  const placed = count('order_placed');
  const refunds = count('refund_issued');
  const none = count(undefined);
  const other = orders.length - placed - refunds - none;
  expect(question).toContain(`${orders.length.toLocaleString('en')} published orders`);
  expect(question).toContain(`${placed} carry eventType order_placed, ${refunds} refund_issued`);
  expect(question).toContain(`${other} another type, and ${none} no eventType attribute`);
  // What the experiment expects billing to receive follows from those numbers alone.
  expect(orders.filter(EXPECTED.billing)).toHaveLength(placed + refunds);
});

test.each(allLabs().flatMap((lab) => (lab.predictions ?? []).map((p) => [lab.id, p.id, lab, p] as const)))(
  '%s %s is measured on some target the lab runs on',
  (_lab, _id, lab, prediction) => {
    expect(targetsMeasuring(lab, prediction.experiment)).not.toEqual([]);
  },
);

describe('predict says which predictions the target cannot measure, before it asks', () => {
  const lab = findLab('lab-02');
  const predictions = lab.predictions ?? [];
  const answers = 'billing-orders=382,no-event-type=no,dlq-receives=3,hidden-seconds=30,string-amount=no';

  // LocalStack skips lab-02's numeric filter experiment (it matches a String "500" numerically);
  // which others it skips may change with LocalStack's gaps, so they are read from the experiments.
  const unmeasured = predictions.filter((p) => whyNotMeasuredOn(lab, p.experiment, 'localstack'));

  test('on localstack: string-amount among them, with why and where it is measured, before "saved"', async () => {
    expect(unmeasured.map((p) => p.id)).toContain('string-amount');
    const out = io();
    expect(await predictCommand(out, [lab.id], { answers, target: 'localstack' }, undefined, store)).toBe(0);
    expect(out.lines).toEqual([
      `on localstack (--target) verify cannot measure ${unmeasured.length} of these ${predictions.length} predictions; answer them all the same:`,
      ...unmeasured.map((p) =>
        expect.stringMatching(
          new RegExp(`^ {2}${p.id} \\(not measured on localstack: .*; measured on (aws|ministack)`),
        ),
      ),
      expect.stringMatching(/predictions saved for lab-02/),
    ]);
  });

  test('on aws every one is measured: nothing is said', async () => {
    const out = io();
    expect(await predictCommand(out, [lab.id], { answers, target: 'aws' }, undefined, store)).toBe(0);
    expect(out.lines).toEqual([expect.stringMatching(/^5 predictions saved for lab-02/)]);
  });

  test('in the terminal the question itself says so', async () => {
    let asked: readonly Prediction[] = [];
    const ask = async (shown: readonly Prediction[]) => {
      asked = shown;
      return Object.fromEntries(answers.split(',').map((a) => a.split('=') as [string, string]));
    };
    const tty = process.stdin.isTTY;
    process.stdin.isTTY = true;
    try {
      expect(await predictCommand(io(), [lab.id], { target: 'localstack' }, ask, store)).toBe(0);
    } finally {
      process.stdin.isTTY = tty;
    }
    const marked = asked.filter((p) => p.question.includes('(not measured on localstack'));
    expect(marked.map((p) => p.id)).toEqual(unmeasured.map((p) => p.id));
  });

  test('with no --target, the target of the last deploy is the one spoken of', () => {
    expect(practiceTarget(undefined, { deployed: { at: 'x', target: 'localstack' } }).target).toBe(
      'localstack',
    );
    expect(practiceTarget(undefined, undefined).target).toBe('ministack');
    expect(practiceTarget('aws', { deployed: { at: 'x', target: 'localstack' } }).target).toBe('aws');
  });
});

test('a quiz answer shown by an experiment skipped on the target says so; on AWS it does not', async () => {
  // lab-03's instances boot on AWS only: its quiz has answers MiniStack cannot show.
  const lab = findLab('lab-03');
  const quiz = lab.quiz ?? [];
  const skipped = quiz.findIndex(
    (q) => 'experiment' in q.shownBy && whyNotMeasuredOn(lab, q.shownBy.experiment, 'ministack'),
  );
  expect(skipped).toBeGreaterThanOrEqual(0);
  // Scored under seed 1, so the answers are given in that order.
  const questions = shuffleQuiz(quiz, 1);
  const answers = questions.map((q, i) => `${i + 1}=${answerOf(q).map(letterOf).join('')}`).join(',');
  const shownBy = async (target: 'ministack' | 'aws') => {
    const out = io();
    expect(await quizCommand(out, [lab.id], { answers, seed: 1, target }, undefined, store)).toBe(0);
    return out.lines.filter((line) => line.startsWith('   shown by: '));
  };
  expect((await shownBy('ministack'))[skipped]).toMatch(
    / \(not measured on ministack: .*; measured on aws\)$/,
  );
  expect((await shownBy('aws')).filter((line) => line.includes('not measured'))).toEqual([]);
});
