/**
 * lab-10 experiments: events are put on the custom bus with PutEvents (10 entries a call, a few calls
 * at a time), and what each rule's target received is read back from its SQS queue. Every event carries
 * the run id in `detail.run`, so a run reads only its own events; what an experiment reads, it deletes.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { archiveAndReplay } from './archive-replay';
import { rulesRouteByContent } from './content-routing';
import { targetRetryPolicy, undeliverableToDeadLetter } from './dead-letter';
import { inputTransformerReshapes } from './input-transformer';
import { scheduledRuleAndScheduler } from './schedules';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  rulesRouteByContent,
  inputTransformerReshapes,
  undeliverableToDeadLetter,
  targetRetryPolicy,
  archiveAndReplay,
  scheduledRuleAndScheduler,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
