import type { NoteErratum } from '../../lib/docs/errata';

const GUARANTEES =
  'https://docs.aws.amazon.com/step-functions/latest/dg/express-at-least-once-execution.html';

/** Outdated or incomplete statements in the notes that lab-09 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: 'Express workflow: "at least 1 execution (can get duplicates)"',
    now: 'Only asynchronous Express executions are at-least-once. Synchronous Express executions (StartSyncExecution, API Gateway, a parent workflow waiting for them) are at-most-once: they are not restarted when an error occurs.',
    sources: [GUARANTEES],
    examTrap:
      'a question about a synchronous Express call does not expect duplicate runs; one about asynchronous Express (events, streams) does.',
  },
  {
    note: '004_290acbaf18f7d933.txt',
    says: 'Use SWF "if you need to support external processes or specialized execution logic (ie manual review steps)"',
    now: 'Step Functions waits for external processes and people itself: a .waitForTaskToken task pauses until the token comes back (up to a year in a Standard workflow), and activities let your own workers take tasks. AWS recommends Step Functions for new applications.',
    sources: [
      'https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token',
    ],
    examTrap:
      'older question banks answer "manual approval step" with SWF; current exams expect Step Functions with a callback.',
  },
];
