import type { NoteErratum } from '../../lib/docs/errata';

const CONSISTENCY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel';
const CONSISTENCY_TRAP =
  'an answer built on "wait for eventual consistency" after an overwrite or delete is out of date since December 2020.';
const STORAGE_CLASSES = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html';

/** Outdated statements in the notes that lab-06 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '000_eb71e302648b0e53.txt',
    says: '"Eventual consistency for overwrite PUTS and DELETES"',
    now: 'S3 has strong read-after-write consistency for every PUT and DELETE, overwrites included, and for listings (since December 2020).',
    sources: [CONSISTENCY],
    examTrap: CONSISTENCY_TRAP,
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"DELETE and PUT for existing objects are eventually-consistent"; "GET requests are cached, so GET,PUT,GET might return 404"',
    now: 'Both are strongly consistent now: a GET after a PUT returns the new object, even when a GET of the missing key came first.',
    sources: [CONSISTENCY],
    examTrap: CONSISTENCY_TRAP,
  },
  {
    note: '004_290acbaf18f7d933.txt',
    says: 'S3 "offers eventual consistency for overwrite PUTs and DELETEs"',
    now: 'Strong read-after-write consistency for all requests, at no extra cost.',
    sources: [CONSISTENCY],
    examTrap: CONSISTENCY_TRAP,
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'SSE-S3 and SSE-KMS "must add a header"',
    now: 'Every new object is encrypted with SSE-S3 when a put names nothing (since January 2023), and a bucket default can make that SSE-KMS. The header is needed only to ask for something else, or where a bucket policy demands it (as here).',
    sources: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html'],
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'Tiered pricing lists "Reduced Redundancy (best avoided)" next to Standard and Standard IA',
    now: 'Reduced Redundancy is not recommended and no longer cheaper; the classes are Standard, Intelligent-Tiering, Standard-IA, One Zone-IA, Glacier Instant Retrieval, Glacier Flexible Retrieval and Glacier Deep Archive (plus Express One Zone).',
    sources: [STORAGE_CLASSES],
  },
];
