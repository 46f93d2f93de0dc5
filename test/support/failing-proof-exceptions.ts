/**
 * The one place where an experiment may go without a failing proof (issue 31), each with its reason.
 * test/kit/failing-proofs.test.ts fails for an experiment with neither a miswiring (`mustFailWhen`)
 * nor a challenge whose check it is, unless it is listed here, and for an entry no longer needed.
 */
import type { ExperimentId as Lab01 } from '../../labs/lab-01-email-hook/experiments';
import type { ExperimentId as Lab02 } from '../../labs/lab-02-fan-out/experiments';
import type { ExperimentId as Lab03 } from '../../labs/lab-03-web-tier/experiments';
import type { ExperimentId as Lab04 } from '../../labs/lab-04-change-data-capture/experiments';
import type { ExperimentId as Lab05 } from '../../labs/lab-05-vpc-from-scratch/experiments';
import type { ExperimentId as Lab06 } from '../../labs/lab-06-s3-data-protection/experiments';
import type { ExperimentId as Lab07 } from '../../labs/lab-07-cloudfront-private-origin/experiments';
import type { ExperimentId as Lab08 } from '../../labs/lab-08-serverless-api/experiments';
import type { ExperimentId as Lab09 } from '../../labs/lab-09-workflows/experiments';
import type { ExperimentId as Lab10 } from '../../labs/lab-10-event-routing/experiments';
import type { ExperimentId as Lab11 } from '../../labs/lab-11-streaming/experiments';
import type { ExperimentId as Lab13 } from '../../labs/lab-13-keys-secrets-policies/experiments';

/** One entry per lab, keyed by the lab's experiment ids (the compiler checks them). */
export interface PerLab {
  readonly 'lab-01': Partial<Record<Lab01, string>>;
  readonly 'lab-02': Partial<Record<Lab02, string>>;
  readonly 'lab-03': Partial<Record<Lab03, string>>;
  readonly 'lab-04': Partial<Record<Lab04, string>>;
  readonly 'lab-05': Partial<Record<Lab05, string>>;
  readonly 'lab-06': Partial<Record<Lab06, string>>;
  readonly 'lab-07': Partial<Record<Lab07, string>>;
  readonly 'lab-08': Partial<Record<Lab08, string>>;
  readonly 'lab-09': Partial<Record<Lab09, string>>;
  readonly 'lab-10': Partial<Record<Lab10, string>>;
  readonly 'lab-11': Partial<Record<Lab11, string>>;
  readonly 'lab-13': Partial<Record<Lab13, string>>;
}

/** Experiments without a failing proof that runs where they run, with the reason. */
export const NO_FAILING_PROOF: PerLab = {
  'lab-01': {},
  'lab-02': {},
  'lab-03': {
    albSpansTwoAzs:
      'the stack has one load balancer, and an ALB in a single AZ cannot exist on AWS (CreateLoadBalancer ' +
      'refuses it: singleAzAlbRefused), so neither a rewiring of outputs nor a deployable fault gives the ' +
      'experiment a one-AZ ALB to find.',
    singleAzAlbRefused:
      'the experiment makes the one-subnet call itself, so no rewiring of outputs changes what it sends; the ' +
      "refusal it needs is the load balancer service's own (stock MiniStack, which creates a one-subnet ALB, " +
      'fails it with not-refused; the kit patches that).',
    al2023WithImdsv2:
      'its fault (HttpTokens optional: challenge imdsv1-still-answers, which proves imdsv1Refused on AWS) is ' +
      "undone only by pointing the group at a new launch template version, which MiniStack's " +
      'UpdateAutoScalingGroup ignores, so the challenge cannot be proven fixed in CI and skips MiniStack.',
    unhealthyInstanceReplaced:
      'SetInstanceHealth gives the group the unhealthy verdict directly, so the health check type does not ' +
      'matter; the one setting that stops the replacement (suspending ReplaceUnhealthy) is an API action ' +
      'that stack.ts cannot hold, so no challenge can break it, and only AWS runs instances.',
  },
  'lab-04': {
    replay:
      "The conditional write it proves is in the audit writer's code (attribute_not_exists), which no stack " +
      'output reaches and no challenge can break (challenges edit stack.ts): the lab has one writer. ' +
      'test/handlers/lab-04/audit-writer.test.ts checks the condition on the handler.',
    indexesLater:
      'It proves a rule of the DynamoDB API (UpdateTable adds a GSI, has no way to add an LSI) that holds for ' +
      'every table: no rewiring of outputs and no stack edit gives a table where it does not hold.',
  },
  'lab-05': {
    interfaceEndpointPerAz:
      'It runs only on a deploy with -c interfaceEndpoint=true, which the e2e does not make (it deploys each lab ' +
      'once, with its defaults), so a miswiring would meet a skip there; its output exists only in that variant.',
    defaultAclAllowsAll:
      "It reads the VPC's default network ACL, and on MiniStack (CI's target) the lab's custom ACL is left out, so " +
      'the VPC has no other ACL: no rewiring of outputs leads it to an ACL that does not allow everything, and a ' +
      'miswiring that fails only on AWS would fail the e2e on MiniStack.',
  },
  'lab-06': {
    deleteMarkerKeepsVersions:
      "Both of the lab's buckets are versioned (replication needs versioning on both ends), so no output names " +
      'an unversioned bucket; a stack without versioning on the data bucket cannot deploy while it replicates.',
    restoreVersion:
      'It needs a versioned bucket, and both buckets are (replication requires it): no output names a bucket ' +
      'where a delete removes the object for good, and the stack cannot drop versioning while it replicates.',
    encryptWithLabKey:
      'The lab has one KMS key, used by both buckets, and the put names it: no rewiring of outputs stores the ' +
      'object under another key, and a key the caller may not use would fail on the put, not on the fact.',
    defaultEncryption:
      'Both buckets are encrypted by default with the one lab key and a bucket key, so no output names a bucket ' +
      'with other default encryption (the synth test of both buckets checks the same setting on the template).',
    refusePlainHttp:
      'Skipped on both emulators (they serve plain HTTP only), and on AWS both buckets deny aws:SecureTransport ' +
      'false, so no output names a bucket that would serve plain HTTP.',
    presignedUrl:
      'It proves an expiry enforced by S3 on the URL itself, whatever the bucket: no rewiring of outputs makes ' +
      'S3 serve an expired URL, and the signer (the caller) is not a stack output.',
  },
  'lab-07': {},
  'lab-08': {
    malformedProxyResponse502:
      'The function decides the malformed answer by the request path, which no stack output carries, so no rewiring of outputs can ' +
      'make /malformed well-formed, and no one-line fault in stack.ts turns the 502 into another status without breaking /hello too.',
  },
  'lab-09': {},
  'lab-10': {},
  'lab-11': {
    sameKeySameShard:
      'The experiment is its own producer: it picks the keys, and Kinesis alone maps a key to a shard by its MD5 ' +
      'hash. No stack output or fault in stack.ts can make Kinesis place a key on another shard (the lab has one ' +
      'stream; a one-shard stream would fail it for the shard count, not for the key).',
    poisonFailsBatch:
      'It invokes the lab’s only function directly with its own poison batch: that the function throws on the poison ' +
      'reading is handler code (lambda/lab-11), which neither an output (no second function to point at) nor a ' +
      'challenge (they edit stack.ts) can change.',
  },
  'lab-13': {
    secretRotated:
      'Its failing proof is the challenge rotation-never-starts (the rotation function’s permission names another ' +
      'source ARN), which runs on AWS only: MiniStack invokes the rotation function without checking its resource ' +
      'policy. The lab has one secret, so no rewiring of outputs gives a secret that does not rotate.',
    kmsEncryptLimit:
      'The 4,096-byte limit is KMS’s own: the experiment encrypts its own bytes, so no stack output or lab fault ' +
      'can make KMS accept 4,097 (stock MiniStack, which has no limit, fails it; the kit patches that).',
    wrongContextRefused:
      'It encrypts its own text under one context and decrypts it under another: the binding of the context to the ' +
      'ciphertext is KMS’s own, which no stack output or fault of the lab can undo (a KMS that ignored the context ' +
      'would fail it with wrong-context-accepted).',
  },
};
