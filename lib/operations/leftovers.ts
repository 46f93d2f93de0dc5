import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { ensurePrivateDir, PRIVATE_FILE_MODE, STATE_DIR } from '../core/paths';
import { RESOURCE_TYPES } from '../resources';

/** A resource of a lab stack, as CloudFormation reported it while the stack existed. */
export interface StackResourceRecord {
  readonly type: string;
  readonly logicalId: string;
  readonly physicalId: string;
}

/** Something that still exists after its lab was destroyed. */
export interface Leftover {
  readonly type: string;
  readonly id: string;
  /**
   * How it was found: `stack-resource`, the stack listed its physical id before its deletion (proof
   * that it was the lab's: a failed destroy); `name-or-tag`, its name or `labkit:lab` tag points at the
   * lab, which anyone can copy (a note for the learner, not a failure).
   */
  readonly foundBy: 'stack-resource' | 'name-or-tag';
}

/** Where the kit keeps its records of the stacks it deployed or destroyed (one file per place). */
export const RECORDS_DIR = join(STATE_DIR, 'records');

/** What the kit recorded about one of its stacks: the proof that these physical ids are its own. */
export interface StackRecord {
  readonly stackName: string;
  readonly stackId: string;
  /** ISO time of the last recording. */
  readonly recordedAt: string;
  /** Every resource the stack had at any recording (a later recording adds, never drops). */
  readonly resources: StackResourceRecord[];
}

/** Where resources live: an emulator (by endpoint) or an AWS account, and a region. */
export interface RecordPlace {
  /** The emulator's endpoint; absent for AWS. */
  readonly endpoint?: string;
  /** The AWS account; ignored for an emulator (all of them say 000000000000). */
  readonly account?: string;
  readonly region: string;
}

/** The records file name of a place: `emulator-127.0.0.1-4566-us-east-1`, `aws-123456789012-eu-west-1`. */
export function recordsKey(place: RecordPlace): string {
  const where = place.endpoint
    ? `emulator-${place.endpoint.replace(/^[a-z]+:\/\//i, '')}`
    : `aws-${place.account ?? 'unknown'}`;
  return `${where}-${place.region}`.replace(/[^A-Za-z0-9.-]+/g, '-');
}

type RecordsFile = { stacks: Record<string, StackRecord> };

function readRecords(file: string): RecordsFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as RecordsFile;
    return parsed && typeof parsed.stacks === 'object' ? parsed : { stacks: {} };
  } catch {
    return { stacks: {} };
  }
}

function writeRecords(file: string, dir: string, records: RecordsFile): void {
  // Private to the user like the rest of `.labs/`; write then rename, so a crash mid-write never
  // leaves a truncated records file.
  ensurePrivateDir(dir);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Adds what was recorded about a stack to the records of its place (under the kit's `.labs/`). */
export function saveStackRecord(
  key: string,
  record: Omit<StackRecord, 'recordedAt'>,
  dir = RECORDS_DIR,
): void {
  const file = join(dir, `${key}.json`);
  const records = readRecords(file);
  const merged = new Map<string, StackResourceRecord>();
  for (const r of [...(records.stacks[record.stackName]?.resources ?? []), ...record.resources]) {
    merged.set(`${r.type} ${r.physicalId}`, r);
  }
  records.stacks[record.stackName] = {
    ...record,
    recordedAt: new Date().toISOString(),
    resources: [...merged.values()],
  };
  writeRecords(file, dir, records);
}

/** The kit's records of one place; empty when it never recorded anything there. */
export function loadStackRecords(key: string, dir = RECORDS_DIR): StackRecord[] {
  return Object.values(readRecords(join(dir, `${key}.json`)).stacks);
}

/** Drops physical ids from a place's records (after a sweep deleted them). */
export function forgetRecordedResources(
  key: string,
  physicalIds: readonly string[],
  dir = RECORDS_DIR,
): void {
  const file = join(dir, `${key}.json`);
  const records = readRecords(file);
  const forget = new Set(physicalIds);
  for (const [name, record] of Object.entries(records.stacks)) {
    const resources = record.resources.filter((r) => !forget.has(r.physicalId));
    if (resources.length === 0) delete records.stacks[name];
    else records.stacks[name] = { ...record, resources };
  }
  writeRecords(file, dir, records);
}

/**
 * The kit's record of the stack with this exact ARN, or undefined. The ARN carries a CloudFormation
 * UUID, so a stack made by hand with the same name and tags never matches: this is the proof that a
 * stack is a lab the kit deployed (records are written by `labs deploy` and before `labs destroy`).
 */
export function recordedStack(
  stackId: string | undefined,
  clientConfig: Record<string, unknown>,
  dir = RECORDS_DIR,
): StackRecord | undefined {
  const place = stackId ? placeOfStack(stackId, clientConfig) : undefined;
  if (!place) return undefined;
  return loadStackRecords(recordsKey(place), dir).find((record) => record.stackId === stackId);
}

/** Region and account from a stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/...`). */
function placeOfStack(stackId: string, clientConfig: Record<string, unknown>): RecordPlace | undefined {
  const [, , , region, account] = stackId.split(':');
  if (!region) return undefined;
  const endpoint = typeof clientConfig.endpoint === 'string' ? clientConfig.endpoint : undefined;
  return { endpoint, account, region };
}

/**
 * Records a stack's resources (call it after a deploy and before a destroy), so the scan afterwards
 * knows what to look for, and keeps the record under `.labs/records/` (pass `recordsDir: false` not
 * to): `labs sweep` deletes a recorded resource that outlived its stack, even when it carries no tag.
 */
export async function recordStackResources(
  stackName: string,
  clientConfig: Record<string, unknown>,
  recordsDir: string | false = RECORDS_DIR,
): Promise<StackResourceRecord[]> {
  const cfn = new CloudFormationClient(clientConfig);
  const result = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  const resources = (result.StackResources ?? [])
    .filter((r) => r.PhysicalResourceId)
    .map((r) => ({
      type: r.ResourceType ?? '',
      logicalId: r.LogicalResourceId ?? '',
      physicalId: r.PhysicalResourceId ?? '',
    }));
  const stackId = result.StackResources?.find((r) => r.StackId)?.StackId;
  const place = stackId ? placeOfStack(stackId, clientConfig) : undefined;
  if (recordsDir !== false && stackId && place) {
    saveStackRecord(recordsKey(place), { stackName, stackId, resources }, recordsDir);
  }
  return resources;
}

/** Per resource type: does a resource with this physical id still exist? (lib/resources) */
const STILL_EXISTS = new Map(
  [...RESOURCE_TYPES].flatMap(([type, known]) =>
    known.leftovers && 'exists' in known.leftovers ? [[type, known.leftovers.exists] as const] : [],
  ),
);

/** The resource types the scan can check by physical id. */
export const CHECKED_RESOURCE_TYPES = [...STILL_EXISTS.keys()];

/** Names the emulator or AWS gives a lab's resources start with the stack name (`lab-02-Billing...`). */
function namedForLab(name: string | undefined, stackName: string): boolean {
  if (!name) return false;
  const last = name.split(/[/:]/).pop() ?? name;
  return last.startsWith(`${stackName}-`) || name.includes(`/aws/lambda/${stackName}-`);
}

/**
 * True for the answer of an emulator that does not have the service at all (LocalStack community:
 * ELBv2, Auto Scaling...): nothing of that type can exist there, so there is nothing to find.
 */
export function serviceNotEmulated(error: unknown): boolean {
  return /not included in your current license plan|has not yet been emulated/i.test(
    (error as Error | undefined)?.message ?? '',
  );
}

/** The service part of a resource type (`AWS::SQS` of `AWS::SQS::Queue`; a custom type is its own). */
function serviceOf(type: string): string {
  return type.split('::').slice(0, 2).join('::');
}

/**
 * The services whose resources the name-or-tag scan lists after a lab: those its stack held, plus
 * CloudWatch Logs (Lambda and other services create log groups no template holds). Without a record
 * of the stack, every service. Listing only these keeps a destroy from calling services the lab
 * never used: an emulator may not serve them offline (LocalStack installs Kinesis on first use).
 */
function scannedServices(recorded: readonly StackResourceRecord[]): Set<string> | undefined {
  if (recorded.length === 0) return undefined;
  return new Set(['AWS::Logs', ...recorded.map((resource) => serviceOf(resource.type))]);
}

/** What carries the lab's name or tag, for every type whose module can list them (in registry order). */
async function scanByNameOrTag(
  stackName: string,
  c: Record<string, unknown>,
  services: Set<string> | undefined,
): Promise<Leftover[]> {
  const found: Leftover[] = [];
  for (const [type, known] of RESOURCE_TYPES) {
    const scan = known.leftovers && 'exists' in known.leftovers ? known.leftovers.findByNameOrTag : undefined;
    if (!scan || (services && !services.has(serviceOf(type)))) continue;
    let ids: string[];
    try {
      ids = await scan(stackName, c, (name) => namedForLab(name, stackName));
    } catch (error) {
      if (serviceNotEmulated(error)) continue;
      throw error;
    }
    for (const id of ids) found.push({ type, id, foundBy: 'name-or-tag' });
  }
  return found;
}

/**
 * Looks for anything a destroyed lab left behind: each recorded stack resource of a checkable type
 * must be gone, and no queue, topic, table, function, log group, bucket, load balancer or security
 * group of the services the stack used may carry the lab's name or tag (every service, when there
 * is no record of the stack). How to check and list each type is its leftover rule in its
 * service module (lib/resources); a type whose rule says it cannot outlive its stack is not checked.
 */
export async function findLeftovers(
  stackName: string,
  recorded: readonly StackResourceRecord[],
  clientConfig: Record<string, unknown>,
): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  for (const resource of recorded) {
    const check = STILL_EXISTS.get(resource.type);
    if (check && (await check(resource.physicalId, clientConfig))) {
      leftovers.push({ type: resource.type, id: resource.physicalId, foundBy: 'stack-resource' });
    }
  }
  const known = new Set(leftovers.map((l) => l.id));
  for (const extra of await scanByNameOrTag(stackName, clientConfig, scannedServices(recorded)))
    if (!known.has(extra.id)) leftovers.push(extra);
  return leftovers;
}
