import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { LabInputError } from '../errors';
import { knowledgeOf } from '../resources';
import type { SweepClients } from '../resources/types';
import { NO_EXPIRY, TAG_KEYS } from '../tags';
import {
  forgetRecordedResources,
  loadStackRecords,
  RECORDS_DIR,
  type RecordPlace,
  recordsKey,
  type StackRecord,
} from './leftovers';

/**
 * `labs sweep` deletes only what the kit can prove is its own: a resource or stack carrying the
 * kit's `labkit:lab` tag, or a physical id the kit recorded for one of its stacks (see
 * recordStackResources in ./leftovers.ts). A name, however lab-like, is never proof.
 */

/** Something `labs sweep` would delete, and why. */
export interface SweepCandidate {
  readonly kind: 'expired-stack' | 'failed-stack' | 'orphan';
  /** CloudFormation type of the thing (or `AWS::CloudFormation::Stack`). */
  readonly type: string;
  readonly id: string;
  readonly lab: string;
  readonly reason: string;
  readonly region: string;
  /** Why it is the kit's: its `labkit:lab` tag, or the kit's own record of a stack it deployed. */
  readonly proof: 'tag' | 'record';
  /** A stack's ARN: the sweep deletes exactly the stack it listed, not a newer one of the same name. */
  readonly stackId?: string;
  /** The records file a recorded resource came from (it is forgotten once deleted). */
  readonly recordsKey?: string;
}

/** The AWS clients sweep uses in one region (tests pass clients with a stand-in for the service). */
export type { SweepClients };

/** Options of {@link findSweepCandidates} and {@link sweep}. */
export interface SweepOptions {
  /** @default Date.now() */
  readonly now?: number;
  /** Where `LABKIT_REGIONS` is read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default real SDK clients built from the client config, one set per region */
  readonly clientsFor?: (region: string) => SweepClients;
  /** @default RECORDS_DIR (`.labs/records`) */
  readonly recordsDir?: string;
}

/** Comma-separated regions to sweep; default: the client's region only. */
export const REGIONS_ENV = 'LABKIT_REGIONS';

/** Lines of {@link sweep} that report a failed delete start with this. */
export const FAILED = 'FAILED';

const STACK = 'AWS::CloudFormation::Stack';
const LOG_GROUP = 'AWS::Logs::LogGroup';
const BUCKET = 'AWS::S3::Bucket';

const tagValue = (tags: { Key?: string; Value?: string }[] | undefined, key: string) =>
  tags?.find((t) => t.Key === key)?.Value;

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

function defaultClients(clientConfig: Record<string, unknown>): (region: string) => SweepClients {
  return (region) => {
    const config = { ...clientConfig, region };
    return {
      cloudFormation: new CloudFormationClient(config),
      logs: new CloudWatchLogsClient(config),
      ec2: new EC2Client(config),
      // A bucket answers only in its own region; redirects cover a region the listing did not name.
      s3: new S3Client({
        ...config,
        forcePathStyle: 'endpoint' in clientConfig,
        followRegionRedirects: true,
      }),
      sts: new STSClient(config),
    };
  };
}

/** `LABKIT_REGIONS`, or the one region the client config resolves to. */
export async function regionsToSweep(
  clientConfig: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const listed = (env[REGIONS_ENV] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (listed.length > 0) return [...new Set(listed)];
  if (typeof clientConfig.region === 'string' && clientConfig.region) return [clientConfig.region];
  try {
    return [await new CloudFormationClient(clientConfig).config.region()];
  } catch {
    throw new LabInputError(`sweep: no AWS region set: export AWS_REGION, or list regions in ${REGIONS_ENV}`);
  }
}

/** Lab stacks are told apart from others by the kit's tag only; a stack is live until DELETE_COMPLETE. */
interface RegionStacks {
  /** Labs (tag values) with a stack that still exists in the region: their resources are not orphans. */
  readonly liveLabs: Set<string>;
  /** Names of every stack that still exists: a record of a stack by that name may be its resources. */
  readonly liveNames: Set<string>;
  readonly candidates: SweepCandidate[];
}

async function scanStacks(cfn: CloudFormationClient, region: string, now: number): Promise<RegionStacks> {
  const result: RegionStacks = { liveLabs: new Set(), liveNames: new Set(), candidates: [] };
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken }));
    for (const stack of page.Stacks ?? []) {
      if (stack.StackStatus === 'DELETE_COMPLETE') continue;
      result.liveNames.add(stack.StackName ?? '');
      const lab = tagValue(stack.Tags, TAG_KEYS.lab);
      if (!lab) continue;
      result.liveLabs.add(lab);
      const base = { type: STACK, id: stack.StackName ?? '', lab, region, proof: 'tag' as const };
      const stackId = stack.StackId;
      if (stack.StackStatus === 'DELETE_FAILED') {
        const why = stack.StackStatusReason ? `: ${firstLine(stack.StackStatusReason)}` : '';
        result.candidates.push({ ...base, stackId, kind: 'failed-stack', reason: `its delete failed${why}` });
        continue;
      }
      if (stack.StackStatus === 'DELETE_IN_PROGRESS') continue;
      const expiresAt = tagValue(stack.Tags, TAG_KEYS.expiresAt);
      if (expiresAt && expiresAt !== NO_EXPIRY && Date.parse(expiresAt) < now) {
        result.candidates.push({
          ...base,
          stackId,
          kind: 'expired-stack',
          reason: `expired at ${expiresAt}`,
        });
      }
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return result;
}

/** A log group's `labkit:lab` tag; undefined when it has none or its tags cannot be read (no proof). */
async function logGroupLab(logs: CloudWatchLogsClient, group: LogGroup): Promise<string | undefined> {
  try {
    const { tags } = group.logGroupArn
      ? await logs.send(new ListTagsForResourceCommand({ resourceArn: group.logGroupArn }))
      : await logs.send(new ListTagsLogGroupCommand({ logGroupName: group.logGroupName }));
    return tags?.[TAG_KEYS.lab];
  } catch {
    return undefined;
  }
}

/** Physical ids of one type the kit recorded for stacks that no longer exist, with their record. */
function recordedOrphans(records: StackRecord[], live: RegionStacks, type: string): Map<string, StackRecord> {
  const found = new Map<string, StackRecord>();
  for (const record of records) {
    // A stack of that name exists again: its resources may be that stack's now.
    if (live.liveNames.has(record.stackName)) continue;
    for (const r of record.resources) {
      if (r.type === type) found.set(r.physicalId, record);
      // The log group Lambda creates by itself for a recorded function (it outlives the stack).
      if (type === LOG_GROUP && r.type === 'AWS::Lambda::Function')
        found.set(`/aws/lambda/${r.physicalId}`, record);
    }
  }
  return found;
}

async function scanLogGroups(
  logs: CloudWatchLogsClient,
  region: string,
  live: RegionStacks,
  recorded: Map<string, StackRecord>,
  key: string,
): Promise<SweepCandidate[]> {
  const found: SweepCandidate[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken }));
    for (const group of page.logGroups ?? []) {
      const id = group.logGroupName ?? '';
      const base = { kind: 'orphan' as const, type: LOG_GROUP, id, region };
      const lab = await logGroupLab(logs, group);
      if (lab) {
        if (!live.liveLabs.has(lab))
          found.push({ ...base, lab, proof: 'tag', reason: `tagged ${lab}; no ${lab} stack in ${region}` });
        continue;
      }
      const record = recorded.get(id);
      if (record) {
        found.push({
          ...base,
          lab: record.stackName,
          proof: 'record',
          recordsKey: key,
          reason: `recorded for stack ${record.stackName}, which is gone`,
        });
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

async function scanEc2(ec2: EC2Client, region: string, live: RegionStacks): Promise<SweepCandidate[]> {
  const found: SweepCandidate[] = [];
  const orphan = (
    type: string,
    id: string | undefined,
    tags: { Key?: string; Value?: string }[] | undefined,
  ) => {
    const lab = tagValue(tags, TAG_KEYS.lab);
    if (id && lab && !live.liveLabs.has(lab)) {
      found.push({
        kind: 'orphan',
        type,
        id,
        lab,
        region,
        proof: 'tag',
        reason: `tagged ${lab}; no ${lab} stack in ${region}`,
      });
    }
  };
  const Filters = [{ Name: 'tag-key', Values: [TAG_KEYS.lab] }];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters, NextToken }));
    for (const eni of page.NetworkInterfaces ?? [])
      orphan('AWS::EC2::NetworkInterface', eni.NetworkInterfaceId, eni.TagSet);
    NextToken = page.NextToken;
  } while (NextToken);
  // DescribeAddresses has no paging: it answers with every address at once.
  for (const address of (await ec2.send(new DescribeAddressesCommand({ Filters }))).Addresses ?? [])
    orphan('AWS::EC2::EIP', address.AllocationId, address.Tags);
  let snapshotToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters, NextToken: snapshotToken }),
    );
    for (const snapshot of page.Snapshots ?? [])
      orphan('AWS::EC2::Snapshot', snapshot.SnapshotId, snapshot.Tags);
    snapshotToken = page.NextToken;
  } while (snapshotToken);
  return found;
}

/** A bucket's region: from the listing, else GetBucketLocation (empty means us-east-1). */
async function bucketRegion(
  s3: S3Client,
  name: string,
  listed: string | undefined,
): Promise<string | undefined> {
  if (listed) return listed;
  try {
    const { LocationConstraint } = await s3.send(new GetBucketLocationCommand({ Bucket: name }));
    return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint || 'us-east-1';
  } catch {
    return undefined;
  }
}

/** A bucket's `labkit:lab` tag; undefined when untagged or unreadable (no proof). */
async function bucketLab(s3: S3Client, name: string): Promise<string | undefined> {
  try {
    return tagValue((await s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet, TAG_KEYS.lab);
  } catch {
    // An untagged bucket answers NoSuchTagSet.
    return undefined;
  }
}

async function scanBuckets(
  clientsFor: (region: string) => SweepClients,
  regions: string[],
  scanned: Map<string, { live: RegionStacks; recorded: Map<string, StackRecord>; key: string }>,
): Promise<SweepCandidate[]> {
  const found: SweepCandidate[] = [];
  // ListBuckets is global: once, from the first region.
  const s3 = clientsFor(regions[0]).s3;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListBucketsCommand({ ContinuationToken }));
    for (const bucket of page.Buckets ?? []) {
      const id = bucket.Name ?? '';
      const region = await bucketRegion(s3, id, bucket.BucketRegion);
      // Only where the stacks were scanned: elsewhere the kit cannot tell whether its lab still lives.
      const inRegion = region ? scanned.get(region) : undefined;
      if (!region || !inRegion) continue;
      const base = { kind: 'orphan' as const, type: BUCKET, id, region };
      const lab = await bucketLab(clientsFor(region).s3, id);
      if (lab) {
        if (!inRegion.live.liveLabs.has(lab))
          found.push({ ...base, lab, proof: 'tag', reason: `tagged ${lab}; no ${lab} stack in ${region}` });
        continue;
      }
      const record = inRegion.recorded.get(id);
      if (record) {
        found.push({
          ...base,
          lab: record.stackName,
          proof: 'record',
          recordsKey: inRegion.key,
          reason: `recorded for stack ${record.stackName}, which is gone`,
        });
      }
    }
    ContinuationToken = page.ContinuationToken;
  } while (ContinuationToken);
  return found;
}

/** Where the kit's records for these clients are kept: the emulator's endpoint, or the AWS account. */
async function recordPlace(
  clientConfig: Record<string, unknown>,
  sts: STSClient,
): Promise<Omit<RecordPlace, 'region'>> {
  if (typeof clientConfig.endpoint === 'string') return { endpoint: clientConfig.endpoint };
  return { account: (await sts.send(new GetCallerIdentityCommand({}))).Account };
}

/**
 * Finds what the kit should clean up on a target, in every region of `LABKIT_REGIONS` (default: the
 * client's region): lab stacks (by the kit's tag) past their `expires-at` tag or in DELETE_FAILED, and
 * log groups, buckets, network interfaces, Elastic IPs and snapshots that carry a lab's tag, or that
 * the kit recorded for one of its stacks, when that stack is gone. Reads only.
 */
export async function findSweepCandidates(
  clientConfig: Record<string, unknown>,
  options: SweepOptions = {},
): Promise<SweepCandidate[]> {
  const now = options.now ?? Date.now();
  const regions = await regionsToSweep(clientConfig, options.env);
  const clientsFor = options.clientsFor ?? defaultClients(clientConfig);
  const place = await recordPlace(clientConfig, clientsFor(regions[0]).sts);
  const found: SweepCandidate[] = [];
  const scanned = new Map<string, { live: RegionStacks; recorded: Map<string, StackRecord>; key: string }>();
  for (const region of regions) {
    const clients = clientsFor(region);
    const live = await scanStacks(clients.cloudFormation, region, now);
    found.push(...live.candidates);
    const key = recordsKey({ ...place, region });
    const records = loadStackRecords(key, options.recordsDir ?? RECORDS_DIR);
    const recordedLogGroups = recordedOrphans(records, live, LOG_GROUP);
    found.push(...(await scanLogGroups(clients.logs, region, live, recordedLogGroups, key)));
    found.push(...(await scanEc2(clients.ec2, region, live)));
    scanned.set(region, { live, recorded: recordedOrphans(records, live, BUCKET), key });
  }
  found.push(...(await scanBuckets(clientsFor, regions, scanned)));
  return found;
}

/** Deletes one candidate with the sweep rule of its type's service module (lib/resources). */
async function deleteOne(c: SweepCandidate, clients: SweepClients): Promise<string> {
  const rule = knowledgeOf(c.type)?.sweep;
  if (!rule) throw new Error(`sweep cannot delete a ${c.type}`);
  return (await rule.delete(c, clients)) ?? `deleted ${c.type} ${c.id} in ${c.region} (${c.reason})`;
}

/**
 * Deletes what {@link findSweepCandidates} found; returns one line per item. A failed delete is a
 * line starting with {@link FAILED} and does not stop the others.
 */
export async function sweep(
  candidates: readonly SweepCandidate[],
  clientConfig: Record<string, unknown>,
  options: Pick<SweepOptions, 'clientsFor' | 'recordsDir'> = {},
): Promise<string[]> {
  const clientsFor = options.clientsFor ?? defaultClients(clientConfig);
  const lines: string[] = [];
  for (const c of candidates) {
    try {
      lines.push(await deleteOne(c, clientsFor(c.region)));
      if (c.recordsKey) forgetRecordedResources(c.recordsKey, [c.id], options.recordsDir ?? RECORDS_DIR);
    } catch (error) {
      lines.push(`${FAILED} to delete ${c.type} ${c.id} in ${c.region}: ${firstLine(error)}`);
    }
  }
  return lines;
}
