import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-10 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: '"the default one always receives all the events, your custom one can only filter for specific events"',
    now: 'The default bus receives the events of AWS services; a custom bus receives only what is sent to it (PutEvents, a rule on another bus, a partner source). Rules on either bus filter with the same event patterns.',
    sources: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html'],
    examTrap: 'a custom bus does not see EC2 or S3 events unless a rule on the default bus forwards them.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"CloudWatch Events: Schedule: Cron jobs"',
    now: 'CloudWatch Events is now Amazon EventBridge, and AWS calls scheduled rules a legacy feature: it recommends EventBridge Scheduler (one-time schedules, time zones, flexible time windows, retries and a DLQ per schedule, higher scale).',
    sources: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html'],
    examTrap:
      'answers with "CloudWatch Events" scheduled rules still work; for a new design with time zones or one-off runs, Scheduler fits.',
  },
];
