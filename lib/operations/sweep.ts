import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteNetworkInterfaceCommand,
  DeleteSnapshotCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ReleaseAddressCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CATALOGUE } from '../catalogue';
import { NO_EXPIRY, TAG_KEYS } from '../tags';

/** Something `labs sweep` would delete, and why. */
export interface SweepCandidate {
  readonly kind: 'expired-stack' | 'orphan';
  /** CloudFormation type of the thing (or `AWS::CloudFormation::Stack`). */
  readonly type: string;
  readonly id: string;
  readonly lab: string;
  readonly reason: string;
}

const LAB_ID = /(?:^|[/:_-])(lab-\d\d)(?=[-/_]|$)/;
const tagValue = (tags: { Key?: string; Value?: string }[] | undefined, key: string) =>
  tags?.find((t) => t.Key === key)?.Value;

/** The lab a name or tag set belongs to, if any. */
function labOf(name: string | undefined, tags?: Tag[]): string | undefined {
  const tagged = tagValue(tags, TAG_KEYS.lab);
  if (tagged) return tagged;
  const match = name ? LAB_ID.exec(name) : null;
  return match && CATALOGUE.some((lab) => lab.id === match[1]) ? match[1] : undefined;
}

async function labStacks(cfn: CloudFormationClient): Promise<Stack[]> {
  const stacks: Stack[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken }));
    stacks.push(...(page.Stacks ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return stacks.filter((s) => s.StackStatus !== 'DELETE_COMPLETE' && labOf(s.StackName, s.Tags as Tag[]));
}

/**
 * Finds what the kit should clean up on a target: lab stacks past their `expires-at` tag, and
 * resources of a lab (by the kit's tag, or a lab-NN name) whose stack no longer exists: log groups,
 * buckets, network interfaces, Elastic IPs, snapshots. Reads only.
 */
export async function findSweepCandidates(
  clientConfig: Record<string, unknown>,
  now = Date.now(),
): Promise<SweepCandidate[]> {
  const found: SweepCandidate[] = [];
  const stacks = await labStacks(new CloudFormationClient(clientConfig));
  const live = new Set(stacks.map((s) => labOf(s.StackName, s.Tags as Tag[])));
  for (const stack of stacks) {
    const expiresAt = tagValue(stack.Tags, TAG_KEYS.expiresAt);
    if (expiresAt && expiresAt !== NO_EXPIRY && Date.parse(expiresAt) < now) {
      found.push({
        kind: 'expired-stack',
        type: 'AWS::CloudFormation::Stack',
        id: stack.StackName ?? '',
        lab: labOf(stack.StackName) ?? '?',
        reason: `expired at ${expiresAt}`,
      });
    }
  }
  const orphan = (type: string, id: string, lab: string | undefined) => {
    if (lab && !live.has(lab))
      found.push({ kind: 'orphan', type, id, lab, reason: `its stack ${lab} is gone` });
  };

  const logs = new CloudWatchLogsClient(clientConfig);
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken }));
    for (const group of page.logGroups ?? [])
      orphan('AWS::Logs::LogGroup', group.logGroupName ?? '', labOf(group.logGroupName));
    nextToken = page.nextToken;
  } while (nextToken);

  const ec2 = new EC2Client(clientConfig);
  const tagged = [{ Name: 'tag-key', Values: [TAG_KEYS.lab] }];
  const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: tagged }));
  for (const eni of enis.NetworkInterfaces ?? []) {
    orphan('AWS::EC2::NetworkInterface', eni.NetworkInterfaceId ?? '', labOf(undefined, eni.TagSet));
  }
  const addresses = await ec2.send(new DescribeAddressesCommand({ Filters: tagged }));
  for (const address of addresses.Addresses ?? []) {
    orphan('AWS::EC2::EIP', address.AllocationId ?? '', labOf(undefined, address.Tags));
  }
  const snapshots = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: tagged }));
  for (const snapshot of snapshots.Snapshots ?? []) {
    orphan('AWS::EC2::Snapshot', snapshot.SnapshotId ?? '', labOf(undefined, snapshot.Tags));
  }
  const s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
  for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    let tags: Tag[] = [];
    try {
      tags = (await s3.send(new GetBucketTaggingCommand({ Bucket: bucket.Name }))).TagSet ?? [];
    } catch {
      // an untagged bucket answers NoSuchTagSet
    }
    orphan('AWS::S3::Bucket', bucket.Name ?? '', labOf(bucket.Name, tags));
  }
  return found;
}

/** Empties a bucket (every object version) and deletes it. */
async function deleteBucket(s3: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
      Key: v.Key,
      VersionId: v.VersionId,
    }));
    if (objects.length === 0) break;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Deletes what {@link findSweepCandidates} found; returns one line per item. */
export async function sweep(
  candidates: readonly SweepCandidate[],
  clientConfig: Record<string, unknown>,
): Promise<string[]> {
  const done: string[] = [];
  for (const c of candidates) {
    switch (c.type) {
      case 'AWS::CloudFormation::Stack':
        await new CloudFormationClient(clientConfig).send(new DeleteStackCommand({ StackName: c.id }));
        done.push(`deleting stack ${c.id} (${c.reason})`);
        continue;
      case 'AWS::Logs::LogGroup':
        await new CloudWatchLogsClient(clientConfig).send(new DeleteLogGroupCommand({ logGroupName: c.id }));
        break;
      case 'AWS::EC2::NetworkInterface':
        await new EC2Client(clientConfig).send(
          new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: c.id }),
        );
        break;
      case 'AWS::EC2::EIP':
        await new EC2Client(clientConfig).send(new ReleaseAddressCommand({ AllocationId: c.id }));
        break;
      case 'AWS::S3::Bucket':
        await deleteBucket(new S3Client({ ...clientConfig, forcePathStyle: true }), c.id);
        break;
      case 'AWS::EC2::Snapshot':
        await new EC2Client(clientConfig).send(new DeleteSnapshotCommand({ SnapshotId: c.id }));
        break;
    }
    done.push(`deleted ${c.type} ${c.id} (${c.reason})`);
  }
  return done;
}
