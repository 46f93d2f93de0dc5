import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-01 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"Async invocations retry twice then go to DLQ"; "DLQ can be SNS or SQS queue"',
    now: 'Retries are configurable from 0 to 2 (default 2), and events older than the maximum event age (60 s to 6 h) are dropped. Besides a dead-letter queue, an on-failure destination can be an SQS queue, an SNS topic, a Lambda function, an EventBridge event bus or an S3 bucket (destinations also carry the error and the request).',
    sources: [
      'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
    ],
    examTrap:
      'questions that ask how to capture failed async events expect "on-failure destination" today, not only a DLQ.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"Pay per request and compute time (in 100ms increments)"; "up to 3GB of RAM; 512MB of space in /tmp"',
    now: 'Duration is billed per 1 ms. A function can have up to 10,240 MB of memory and 512 MB to 10,240 MB of ephemeral storage in /tmp.',
    sources: [
      'https://aws.amazon.com/lambda/pricing/',
      'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    ],
    examTrap: 'older question banks still use 3 GB and 100 ms.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"Don\'t put lambdas in VPC unless you have to (will take longer to initialise)"',
    now: 'Since 2019 a VPC-attached function uses shared Hyperplane network interfaces created when the function is configured, so attaching it to a VPC no longer adds seconds to each cold start; attach it when it needs private resources, as the forwarder here does.',
    sources: [
      'https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/',
    ],
    examTrap: 'answers that avoid VPC Lambda "for cold starts" are from before 2019.',
  },
];
