import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-11 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'Kinesis "Data retention up to 7 days; 1 by default"',
    now: 'Retention is 24 hours by default and can be raised to 365 days (8,760 hours); beyond 24 hours it costs extra (extended up to 7 days, long-term after that).',
    sources: ['https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html'],
    examTrap:
      'replaying a year of events from the stream itself is possible now; older questions cap it at 7 days.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"Kinesis Analytics - use SQL to perform real-time analytics on streams"',
    now: 'Kinesis Data Analytics for SQL applications is discontinued; real-time analytics on a stream is Amazon Managed Service for Apache Flink (Flink SQL, Java, Python). Kinesis Data Firehose is now called Amazon Data Firehose.',
    sources: ['https://docs.aws.amazon.com/kinesisanalytics/latest/dev/discontinuation.html'],
  },
  {
    note: '004_290acbaf18f7d933.txt',
    says: '"Shards have their own partition key."',
    now: 'The partition key belongs to each record, not to a shard: Kinesis hashes it (MD5) to a 128-bit number, and the shard whose hash key range holds it gets the record. Many keys share a shard.',
    sources: ['https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html'],
  },
  {
    note: '000_eb71e302648b0e53.txt',
    says: 'Firehose: "No retention"',
    now: 'Firehose keeps no replayable history, but it holds records while it buffers (up to 900 s) and while it retries a failing S3 destination: a Direct PUT stream retries for up to 24 hours and then the data is lost; with a Kinesis stream as source it retries for as long as the stream retains the records. Its S3 error output prefix receives only records that failed Lambda processing or format conversion. The exam still often quotes a 60 s minimum buffer; the API now accepts 0 s for zero buffering.',
    sources: [
      'https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html',
      'https://docs.aws.amazon.com/firehose/latest/dev/retry.html',
    ],
  },
];
