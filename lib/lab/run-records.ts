import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../core/paths';
import { KIT_VERSION } from '../core/version';
import type { Measurements } from '../experiments/experiment';
import type { ExperimentResult } from '../experiments/runner';
import type { LabDefinition, Target } from './catalogue';
import { redactValue } from './run-record-redaction';

/**
 * Run records: what `npx labs verify <lab> --target aws` observed, written as redacted JSON under
 * `run-records/<lab>/`. Committed, they are the only evidence that turns a lab's AWS entry from
 * `unproven` into "proven on <date>, kit <version>" (the README table and the guides' support
 * matrices are generated from them); `npx labs report <lab>` prints the newest as Markdown.
 */
export const RUN_RECORDS_DIR = join(PROJECT_ROOT, 'run-records');

/** Another folder for the records (tests): `LABKIT_RUN_RECORDS_DIR`. */
export function runRecordsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LABKIT_RUN_RECORDS_DIR || RUN_RECORDS_DIR;
}

/** One experiment's outcome as recorded: what it saw and measured, never what it was connected to. */
export interface RecordedExperiment {
  readonly id: string;
  readonly name: string;
  readonly outcome: 'pass' | 'fail' | 'skipped';
  readonly seconds: number;
  readonly observed?: string;
  readonly expected?: string;
  readonly reason?: string;
  readonly measured?: Measurements;
}

export interface RunRecord {
  readonly schema: 1;
  readonly kit: {
    readonly version: string;
    /** The checkout's commit, or `unknown` outside a git checkout. */
    readonly commit: string;
    /** Whether the checkout had changes not committed (the commit alone does not say what ran). */
    readonly localChanges: boolean;
  };
  readonly lab: string;
  readonly target: Target;
  /** {@link templateHash} of the lab's template when the run was recorded. */
  readonly templateHash: string;
  readonly region: string;
  /** When the experiments finished (ISO 8601, UTC). */
  readonly date: string;
  readonly summary: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly experiments: readonly RecordedExperiment[];
}

/**
 * A hash of a lab's AWS template (as synthesized offline, without expiry) with what differs between
 * machines and kit versions masked: asset hashes and the `labkit:version` tag. A record whose hash
 * no longer matches proves an earlier version of the lab.
 */
export function templateHash(template: unknown): string {
  const text = JSON.stringify(template)
    .replace(/[0-9a-f]{64}/g, '<asset-hash>')
    .replace(/"Key":"labkit:version","Value":"[^"]*"/g, '"Key":"labkit:version","Value":"<kit-version>"');
  return createHash('sha256').update(text).digest('hex');
}

/** The checkout's commit and whether it has changes, from git (unknown outside a checkout). */
export function kitCommit(root = PROJECT_ROOT): RunRecord['kit'] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return {
      version: KIT_VERSION,
      commit: git('rev-parse', 'HEAD'),
      localChanges: git('status', '--porcelain') !== '',
    };
  } catch {
    return { version: KIT_VERSION, commit: 'unknown', localChanges: false };
  }
}

/** A run record of these results, redacted: no account id, ARN, key, address or secret value. */
export function buildRunRecord(input: {
  lab: LabDefinition;
  target: Target;
  templateHash: string;
  region: string;
  date: Date;
  results: readonly ExperimentResult[];
  kit: RunRecord['kit'];
  /** Values to remove wherever they appear (the account, the caller ARN, the credentials). */
  secrets: readonly string[];
}): RunRecord {
  const experiments = input.results.map((result): RecordedExperiment => {
    const { outcome } = result;
    const base = {
      id: result.id,
      name: result.name,
      outcome: outcome.status,
      seconds: round(result.seconds),
    };
    if (outcome.status === 'skipped') return { ...base, reason: outcome.reason };
    return {
      ...base,
      observed: outcome.observed,
      ...(outcome.status === 'fail' ? { expected: outcome.expected } : {}),
      ...(outcome.measured ? { measured: outcome.measured } : {}),
    };
  });
  const count = (outcome: RecordedExperiment['outcome']) =>
    experiments.filter((e) => e.outcome === outcome).length;
  return {
    schema: 1,
    kit: input.kit,
    lab: input.lab.id,
    target: input.target,
    templateHash: input.templateHash,
    region: input.region,
    date: input.date.toISOString(),
    summary: { passed: count('pass'), failed: count('fail'), skipped: count('skipped') },
    // Only what the experiments saw comes from outside the kit: that is what is redacted.
    experiments: redactValue(experiments, input.secrets),
  };
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

/** Writes a record to `<dir>/<lab>/<date>-<target>.json` and returns the file. */
export function writeRunRecord(record: RunRecord, dir = runRecordsDir()): string {
  const folder = join(dir, record.lab);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${record.date.replace(/[:.]/g, '-')}-${record.target}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** A lab's records, newest first, each with its file. */
export function readRunRecords(labId: string, dir = runRecordsDir()): { file: string; record: RunRecord }[] {
  const folder = join(dir, labId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const file = join(folder, name);
      return { file, record: JSON.parse(readFileSync(file, 'utf8')) as RunRecord };
    })
    .filter(({ record }) => record.schema === 1 && record.lab === labId)
    .sort((a, b) => b.record.date.localeCompare(a.record.date));
}

/** What the committed records say about a lab on a target. */
export type Evidence =
  | { readonly kind: 'none' }
  | { readonly kind: 'proven'; readonly current: boolean; readonly record: RunRecord; readonly file: string }
  | { readonly kind: 'failed'; readonly record: RunRecord; readonly file: string };

/**
 * The newest run without a failure proves the lab (for the current template, or an earlier one); a
 * newer run with failures is reported instead, since it is what is known now.
 */
export function evidenceFor(
  labId: string,
  target: Target,
  currentHash: string,
  dir = runRecordsDir(),
): Evidence {
  const records = readRunRecords(labId, dir).filter(({ record }) => record.target === target);
  const newest = records[0];
  if (!newest) return { kind: 'none' };
  if (newest.record.summary.failed > 0) return { kind: 'failed', ...newest };
  const current = records.find(
    ({ record }) => record.summary.failed === 0 && record.templateHash === currentHash,
  );
  if (current) return { kind: 'proven', current: true, ...current };
  return { kind: 'proven', current: false, ...newest };
}

/** The evidence in words, for a table cell; `linkFrom`: the folder the link is written from. */
export function evidenceWords(evidence: Evidence, linkFrom = PROJECT_ROOT): string | undefined {
  if (evidence.kind === 'none') return undefined;
  const { record } = evidence;
  const day = record.date.slice(0, 10);
  const link = (text: string) => `[${text}](${relative(linkFrom, evidence.file).split('\\').join('/')})`;
  if (evidence.kind === 'failed') {
    return link(
      `failed on ${day}, kit ${record.kit.version}: ${record.summary.failed} of ${record.experiments.length}`,
    );
  }
  return evidence.current
    ? link(`proven on ${day}, kit ${record.kit.version}`)
    : link(`proven for an earlier version (${day}, kit ${record.kit.version})`);
}
