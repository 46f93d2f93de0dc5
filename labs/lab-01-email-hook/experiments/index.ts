/**
 * lab-01's experiments: a mail notification published to the topic travels through the VPC
 * forwarder and the internal ALB into the inbox table; the service admits only the forwarder's
 * security group and is not reachable from outside the VPC; and when the service is down, the
 * forwarder's invocation fails, is retried, and ends in the on-failure queue.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { delivery } from './delivery';
import { asyncFailure, syncFailure } from './failed-invocations';
import { isolation } from './isolation';
import { securityGroups } from './security-groups';
import { vpcAttachment } from './vpc-attachment';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  delivery,
  vpcAttachment,
  securityGroups,
  isolation,
  syncFailure,
  asyncFailure,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
