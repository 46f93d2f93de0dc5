import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supportCell } from '../../lib/docs/readme-tables';
import { renderRunReport } from '../../lib/docs/run-report';
import type { ExperimentResult } from '../../lib/experiments/runner';
import { findLab } from '../../lib/lab/catalogue';
import { secretValues } from '../../lib/lab/run-record-redaction';
import {
  buildRunRecord,
  evidenceFor,
  evidenceWords,
  type RunRecord,
  readRunRecords,
  templateHash,
  writeRunRecord,
} from '../../lib/lab/run-records';
import { cachedTemplate } from '../support/lab-cache';

const ACCOUNT = '123456789012';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENvalue';
const env = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
const KIT = { version: '0.1.0', commit: 'c'.repeat(40), localChanges: false };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function result(id: string, outcome: ExperimentResult['outcome']): ExperimentResult {
  return { id, name: `experiment ${id}`, fact: 'a fact', outcome, seconds: 1.234 };
}

function record(overrides: Partial<RunRecord> & { failed?: number } = {}): RunRecord {
  const { failed = 0, ...rest } = overrides;
  const results = [
    result('a', { status: 'pass', observed: 'delivered 3 of 3', measured: { latencyMs: 120 } }),
    ...Array.from({ length: failed }, (_, i) =>
      result(`f${i}`, { status: 'fail', observed: 'nothing', expected: 'a message' }),
    ),
  ];
  return {
    ...buildRunRecord({
      lab: findLab('lab-02'),
      target: 'aws',
      templateHash: 'h1',
      region: 'us-east-1',
      date: new Date('2026-12-01T10:00:00Z'),
      results,
      kit: KIT,
      secrets: [],
    }),
    ...rest,
  };
}

test('a run record carries no account id, ARN, key, token, signature or address', () => {
  const arn = `arn:aws:sqs:us-east-1:${ACCOUNT}:lab-02-orders`;
  const caller = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/student`;
  const built = buildRunRecord({
    lab: findLab('lab-02'),
    target: 'aws',
    templateHash: 'h',
    region: 'eu-west-1',
    date: new Date('2026-12-07T23:00:00Z'),
    kit: KIT,
    secrets: secretValues(env, { account: ACCOUNT, arn: caller }),
    results: [
      result('arns', {
        status: 'pass',
        observed: `queue ${arn} got it from https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/lab-02-orders`,
        measured: { [`wait on ${arn}`]: 3, caller, key: KEY_ID },
      }),
      result('url', {
        status: 'fail',
        observed: `GET https://b.s3.amazonaws.com/k?X-Amz-Credential=${KEY_ID}%2F20261207&X-Amz-Security-Token=${TOKEN}&X-Amz-Signature=abcdef0123 returned 403`,
        expected: `the secret ${SECRET} to stay hidden, mail to ops@example.com`,
      }),
      result('skip', {
        status: 'skipped',
        reason: `principal ${ACCOUNT} in arn:aws-us-gov:iam::${ACCOUNT}:root`,
      }),
    ],
  });
  const file = writeRunRecord(built, dir);
  const text = readFileSync(file, 'utf8');
  for (const secret of [
    ACCOUNT,
    KEY_ID,
    SECRET,
    TOKEN,
    'arn:aws',
    'abcdef0123',
    'ops@example.com',
    'Admin/student',
  ])
    expect([secret, text.includes(secret)]).toEqual([secret, false]);
  // What the experiments saw is kept, around the redactions.
  expect(text).toContain(
    'queue <arn> got it from https://sqs.eu-west-1.amazonaws.com/<account>/lab-02-orders',
  );
  expect(text).toContain('"wait on <arn>": 3');
  expect(JSON.parse(text)).toMatchObject({
    schema: 1,
    kit: KIT,
    lab: 'lab-02',
    target: 'aws',
    region: 'eu-west-1',
    date: '2026-12-07T23:00:00.000Z',
    summary: { passed: 1, failed: 1, skipped: 1 },
  });
  expect(readRunRecords('lab-02', dir).map((r) => r.file)).toEqual([file]);
});

test('the newest run without failure proves the lab, for this template or an earlier one', () => {
  expect(evidenceFor('lab-02', 'aws', 'h1', dir)).toEqual({ kind: 'none' });
  writeRunRecord(record({ date: '2026-11-01T00:00:00.000Z' }), dir);
  writeRunRecord(record({ date: '2026-12-01T00:00:00.000Z', templateHash: 'h0' }), dir);
  const current = evidenceFor('lab-02', 'aws', 'h1', dir);
  expect(current).toMatchObject({
    kind: 'proven',
    current: true,
    record: { date: '2026-11-01T00:00:00.000Z' },
  });
  expect(evidenceWords(current, dir)).toBe(
    '[proven on 2026-11-01, kit 0.1.0](lab-02/2026-11-01T00-00-00-000Z-aws.json)',
  );
  const moved = evidenceFor('lab-02', 'aws', 'h2', dir);
  expect(evidenceWords(moved, dir)).toBe(
    '[proven for an earlier version (2026-12-01, kit 0.1.0)](lab-02/2026-12-01T00-00-00-000Z-aws.json)',
  );
  writeRunRecord(record({ date: '2026-12-05T00:00:00.000Z', failed: 2 }), dir);
  expect(evidenceWords(evidenceFor('lab-02', 'aws', 'h1', dir), dir)).toBe(
    '[failed on 2026-12-05, kit 0.1.0: 2 of 3](lab-02/2026-12-05T00-00-00-000Z-aws.json)',
  );
  expect(evidenceFor('lab-02', 'ministack', 'h1', dir)).toEqual({ kind: 'none' });
});

test("the README's AWS cell and the guide's matrix come from committed records", () => {
  const lab = findLab('lab-02');
  const template = cachedTemplate('lab-02');
  const before = process.env.LABKIT_RUN_RECORDS_DIR;
  process.env.LABKIT_RUN_RECORDS_DIR = dir;
  try {
    expect(supportCell(lab, 'aws', template)).toBe('unproven');
    writeRunRecord(record({ templateHash: templateHash(template) }), dir);
    expect(supportCell(lab, 'aws', template, dir)).toBe(
      '[proven on 2026-12-01, kit 0.1.0](lab-02/2026-12-01T10-00-00-000Z-aws.json)',
    );
    // The emulators' levels stay what the e2e runs found.
    expect(supportCell(lab, 'ministack', template, dir)).toBe('partial');
  } finally {
    if (before === undefined) delete process.env.LABKIT_RUN_RECORDS_DIR;
    else process.env.LABKIT_RUN_RECORDS_DIR = before;
  }
});

test('a report says what ran where, each outcome and measurement, and whether the template moved', () => {
  const text = renderRunReport(record({ failed: 1 }), 'h2', 'run-records/lab-02/x.json');
  expect(text).toContain('### Run record: lab-02 on aws, 2026-12-01');
  expect(text).toContain(`| Kit | 0.1.0, commit ${'c'.repeat(40)} |`);
  expect(text).toContain('differs from the lab in this checkout');
  expect(text).toContain('| experiment a | pass | 1.2 | delivered 3 of 3 |');
  expect(text).toContain('| experiment f0 | fail | 1.2 | nothing; expected a message |');
  expect(text).toContain('| experiment a | latencyMs | 120 |');
  expect(renderRunReport(record(), 'h1', 'f')).toContain('matches the lab in this checkout');
});
