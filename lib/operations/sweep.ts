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
import { LabInputError } from '../core/errors';
import { allLabs } from '../lab/catalogue';
import { knowledgeOf } from '../resources';
import type { SweepClients } from '../resources/types';
import { NO_EXPIRY, TAG_KEYS } from '../safety/tags';
import {
  forgetRecordedResources,
  loadStackRecords,
  RECORDS_DIR,
  type RecordPlace,
  recordedStack,
  recordsKey,
  type StackRecord,
} from './leftovers';

/**
 * `labs sweep` deletes only what the kit can prove is its own, and a proof must be something no one
 * can copy by hand: the kit's own record (`.labs/records`, see recordStackResources in
 * ./leftovers.ts) of a lab stack's exact ARN, or of a physical id that stack held. A `labkit:lab`
 * tag is a claim, not a proof (anyone can type it; MiniStack even accepts hand-set `aws:*` tags),
 * and a name is not even a claim. What is claimed but not proven is listed as refused, with the
 * missing proof, and never touched.
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
  /** Why it is the kit's: the kit's own record of the stack's ARN, or of the id in a stack it deployed. */
  readonly proof: 'record';
  /** A stack's ARN: the sweep deletes exactly the stack it listed, not a newer one of the same name. */
  readonly stackId?: string;
  /** The records file a recorded resource came from (it is forgotten once deleted). */
  readonly recordsKey?: string;
}

/** Something that claims to be a lab's (by its `labkit:lab` tag) without proof: never deleted. */
export interface SweepRefusal {
  readonly type: string;
  readonly id: string;
  readonly region: string;
  /** The proof that is missing, in words. */
  readonly missing: string;
}

/** What a sweep found: what it may delete, and what it refuses to. */
export interface SweepSurvey {
  readonly candidates: SweepCandidate[];
  readonly refused: SweepRefusal[];
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

/** True for a lab id of the catalogue: a tag or record naming anything else is no lab's. */
export const isCatalogueLab = (id: string | undefined): id is string =>
  !!id && allLabs().some((lab) => lab.id === id);

/** The missing proof of a resource tagged `labkit:lab=<lab>` that no record of the kit lists. */
function unprovenTag(lab: string, region: string): string {
  return isCatalogueLab(lab)
    ? `tagged ${TAG_KEYS.lab}=${lab}, but no record of the kit lists it (only what a lab stack deployed by npx labs held is proven), and no ${lab} stack in ${region}`
    : `tagged ${TAG_KEYS.lab}=${lab}, which is not a lab of the catalogue`;
}

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

/** A stack is live until DELETE_COMPLETE. */
interface RegionStacks {
  /** Labs (tag values) with a stack that still exists in the region: their tagged things are no orphans. */
  readonly liveLabs: Set<string>;
  /** Names of every stack that still exists: a record of a stack by that name may be its resources. */
  readonly liveNames: Set<string>;
  readonly candidates: SweepCandidate[];
  readonly refused: SweepRefusal[];
}

/**
 * Why a stack is a lab the kit deployed, or the proof it lacks: its `labkit:lab` tag must name a lab
 * of the catalogue, and the kit's records must hold its exact ARN under that lab's name.
 */
export function stackOwnership(
  stack: { StackName?: string; StackId?: string; Tags?: { Key?: string; Value?: string }[] },
  clientConfig: Record<string, unknown>,
  recordsDir = RECORDS_DIR,
): { proven: true; lab: string } | { proven: false; missing: string } {
  const lab = tagValue(stack.Tags, TAG_KEYS.lab);
  if (!lab) return { proven: false, missing: `no ${TAG_KEYS.lab} tag` };
  if (!isCatalogueLab(lab))
    return { proven: false, missing: `tagged ${TAG_KEYS.lab}=${lab}, which is not a lab of the catalogue` };
  const record = recordedStack(stack.StackId, clientConfig, recordsDir);
  if (!record || record.stackName !== lab || stack.StackName !== lab)
    return {
      proven: false,
      missing: `tagged ${TAG_KEYS.lab}=${lab}, but no record of the kit holds this stack's ARN (npx labs deploy records every lab stack it deploys; one deployed elsewhere or by hand is not proven)`,
    };
  return { proven: true, lab };
}

async function scanStacks(
  cfn: CloudFormationClient,
  region: string,
  now: number,
  clientConfig: Record<string, unknown>,
  recordsDir: string,
): Promise<RegionStacks> {
  const result: RegionStacks = { liveLabs: new Set(), liveNames: new Set(), candidates: [], refused: [] };
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken }));
    for (const stack of page.Stacks ?? []) {
      if (stack.StackStatus === 'DELETE_COMPLETE') continue;
      result.liveNames.add(stack.StackName ?? '');
      const lab = tagValue(stack.Tags, TAG_KEYS.lab);
      if (!lab) continue;
      // Even an unproven claim keeps that lab's other tagged things from being called orphans.
      result.liveLabs.add(lab);
      const stackId = stack.StackId;
      let kind: SweepCandidate['kind'] | undefined;
      let reason = '';
      if (stack.StackStatus === 'DELETE_FAILED') {
        kind = 'failed-stack';
        reason = `its delete failed${stack.StackStatusReason ? `: ${firstLine(stack.StackStatusReason)}` : ''}`;
      } else if (stack.StackStatus !== 'DELETE_IN_PROGRESS') {
        const expiresAt = tagValue(stack.Tags, TAG_KEYS.expiresAt);
        if (expiresAt && expiresAt !== NO_EXPIRY && Date.parse(expiresAt) < now) {
          kind = 'expired-stack';
          reason = `expired at ${expiresAt}`;
        }
      }
      if (!kind) continue;
      const id = stack.StackName ?? '';
      const ownership = stackOwnership(stack, clientConfig, recordsDir);
      if (ownership.proven)
        result.candidates.push({ type: STACK, id, lab, region, proof: 'record', stackId, kind, reason });
      else result.refused.push({ type: STACK, id, region, missing: ownership.missing });
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
    // The kit records lab stacks only: a record under another name was not written by it.
    if (!isCatalogueLab(record.stackName)) continue;
    for (const r of record.resources) {
      if (r.type === type) found.set(r.physicalId, record);
      // The log group Lambda creates by itself for a recorded function (it outlives the stack).
      if (type === LOG_GROUP && r.type === 'AWS::Lambda::Function')
        found.set(`/aws/lambda/${r.physicalId}`, record);
    }
  }
  return found;
}

/**
 * One resource's verdict: a candidate when the kit recorded it for a lab stack that is gone (and its
 * `labkit:lab` tag, if any, names a lab of the catalogue); refused when only its tag claims it, for
 * a lab with no stack here; nothing otherwise (untagged, or its lab stack still lives).
 */
function judgeResource(
  survey: SweepSurvey,
  base: { type: string; id: string; region: string },
  lab: string | undefined,
  live: RegionStacks,
  recorded: Map<string, StackRecord>,
  key: string,
): void {
  const record = recorded.get(base.id);
  if (lab && !isCatalogueLab(lab)) {
    survey.refused.push({ ...base, missing: unprovenTag(lab, base.region) });
  } else if (record) {
    survey.candidates.push({
      ...base,
      kind: 'orphan',
      lab: record.stackName,
      proof: 'record',
      recordsKey: key,
      reason: `recorded for stack ${record.stackName}, which is gone`,
    });
  } else if (lab && !live.liveLabs.has(lab)) {
    survey.refused.push({ ...base, missing: unprovenTag(lab, base.region) });
  }
}

async function scanLogGroups(
  logs: CloudWatchLogsClient,
  region: string,
  live: RegionStacks,
  recorded: Map<string, StackRecord>,
  key: string,
  survey: SweepSurvey,
): Promise<void> {
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken }));
    for (const group of page.logGroups ?? []) {
      const base = { type: LOG_GROUP, id: group.logGroupName ?? '', region };
      judgeResource(survey, base, await logGroupLab(logs, group), live, recorded, key);
    }
    nextToken = page.nextToken;
  } while (nextToken);
}

async function scanEc2(
  ec2: EC2Client,
  region: string,
  live: RegionStacks,
  records: StackRecord[],
  key: string,
  survey: SweepSurvey,
): Promise<void> {
  const recorded = new Map<string, Map<string, StackRecord>>();
  const orphan = (
    type: string,
    id: string | undefined,
    tags: { Key?: string; Value?: string }[] | undefined,
  ) => {
    if (!id) return;
    const ofType = recorded.get(type) ?? recordedOrphans(records, live, type);
    recorded.set(type, ofType);
    judgeResource(survey, { type, id, region }, tagValue(tags, TAG_KEYS.lab), live, ofType, key);
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
  survey: SweepSurvey,
): Promise<void> {
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
      const lab = await bucketLab(clientsFor(region).s3, id);
      judgeResource(
        survey,
        { type: BUCKET, id, region },
        lab,
        inRegion.live,
        inRegion.recorded,
        inRegion.key,
      );
    }
    ContinuationToken = page.ContinuationToken;
  } while (ContinuationToken);
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
 * client's region): lab stacks past their `expires-at` tag or in DELETE_FAILED whose ARN the kit
 * recorded, and log groups, buckets, network interfaces, Elastic IPs and snapshots the kit recorded
 * for one of its lab stacks when that stack is gone. What carries a `labkit:lab` tag without that
 * proof is refused, each with the proof it lacks. Reads only.
 */
export async function surveySweep(
  clientConfig: Record<string, unknown>,
  options: SweepOptions = {},
): Promise<SweepSurvey> {
  const now = options.now ?? Date.now();
  const recordsDir = options.recordsDir ?? RECORDS_DIR;
  const regions = await regionsToSweep(clientConfig, options.env);
  const clientsFor = options.clientsFor ?? defaultClients(clientConfig);
  const place = await recordPlace(clientConfig, clientsFor(regions[0]).sts);
  const survey: SweepSurvey = { candidates: [], refused: [] };
  const scanned = new Map<string, { live: RegionStacks; recorded: Map<string, StackRecord>; key: string }>();
  for (const region of regions) {
    const clients = clientsFor(region);
    const live = await scanStacks(clients.cloudFormation, region, now, clientConfig, recordsDir);
    survey.candidates.push(...live.candidates);
    survey.refused.push(...live.refused);
    const key = recordsKey({ ...place, region });
    const records = loadStackRecords(key, recordsDir);
    await scanLogGroups(clients.logs, region, live, recordedOrphans(records, live, LOG_GROUP), key, survey);
    await scanEc2(clients.ec2, region, live, records, key, survey);
    scanned.set(region, { live, recorded: recordedOrphans(records, live, BUCKET), key });
  }
  await scanBuckets(clientsFor, regions, scanned, survey);
  return survey;
}

/** The candidates of {@link surveySweep}: what a sweep may delete. */
export async function findSweepCandidates(
  clientConfig: Record<string, unknown>,
  options: SweepOptions = {},
): Promise<SweepCandidate[]> {
  return (await surveySweep(clientConfig, options)).candidates;
}

/** One line per refusal: `not swept  <type>  <id>  <region>  (no proof: <missing>)`. */
export function formatRefusal(r: SweepRefusal): string {
  return `not swept  ${r.type}  ${r.id}  ${r.region}  (not proven to be a lab's: ${r.missing})`;
}

/** Deletes one candidate with the sweep rule of its type's service module (lib/resources). */
async function deleteOne(c: SweepCandidate, clients: SweepClients): Promise<string> {
  // Checked again here: nothing is emptied or deleted on a claim (a candidate built by hand, a tag).
  if (c.proof !== 'record' || !isCatalogueLab(c.lab))
    throw new Error(`not proven to be a lab's (proof ${String(c.proof)}, lab ${c.lab}): not touched`);
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
