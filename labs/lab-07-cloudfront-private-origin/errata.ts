import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-07 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '001_06aa89305e27a1ca.txt',
    says: '"Here you need to use an OAI" (origin access identity) to keep the bucket private behind CloudFront',
    now: 'Origin Access Control (OAC) replaces the origin access identity, which AWS calls legacy. OAC signs requests with SigV4, works with SSE-KMS, all Regions and PUT/DELETE, and the bucket policy names the service principal with an AWS:SourceArn condition.',
    sources: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
    ],
    examTrap:
      'newer questions expect OAC; OAI answers are the legacy way and are still correct on older questions.',
  },
  {
    note: '004_290acbaf18f7d933.txt',
    says: '"Support\'s Adobe Flash Media Server\'s RTMP protocol but must choose that delivery method"',
    now: 'CloudFront ended RTMP distributions on 31 December 2020. All distributions are web distributions; streaming goes over HTTP(S) (HLS, DASH).',
    sources: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-working-with.html',
    ],
    examTrap: 'an answer with an RTMP distribution is outdated.',
  },
];
