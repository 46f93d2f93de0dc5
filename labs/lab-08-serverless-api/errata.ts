import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-08 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"Concurrency: up to 1000 executions per account (more requires AWS ticket)"',
    now: 'The default is 1,000 concurrent executions per Region (not per account), raised through Service Quotas to tens of thousands; new accounts start lower and are raised with use. Reserved concurrency must leave at least 100 unreserved, so a new account may not be able to reserve any.',
    sources: [
      'https://docs.aws.amazon.com/lambda/latest/dg/limits.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    ],
    examTrap: 'the quota is regional; a "1,000 per account" answer is the older wording of the same number.',
  },
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: '"default timeout is 29 seconds" (API Gateway integrations)',
    now: 'Since June 2024 the integration timeout of Regional and private REST APIs can be raised above 29 seconds (through Service Quotas, possibly lowering the account throttle limit); 29 seconds is still the default, and the limit for edge-optimized REST APIs and HTTP APIs.',
    sources: [
      'https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/',
    ],
    examTrap:
      'older questions treat 29 seconds as a hard limit; for a long job the expected answer is still asynchronous processing.',
  },
];
