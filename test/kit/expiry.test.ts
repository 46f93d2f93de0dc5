import { Match } from 'aws-cdk-lib/assertions';
import { createLabApp } from '../../lib/cdk/app';
import { LabInputError } from '../../lib/core/errors';
import { allLabs } from '../../lib/lab/catalogue';
import { expiryForRedeploy, parseTtl, resolveExpiry } from '../../lib/safety/expiry';
import { TAG_KEYS } from '../../lib/safety/tags';
import { labTemplate } from '../support/synth';

// The lab cache builds the expiry variants with TEST_EXPIRES_AT: 2026-11-23T04:00:00Z.

/** The logical ids of the self-destruct's schedules (a lab's own schedules are not counted). */
const selfDestructSchedules = (template: ReturnType<typeof labTemplate>) =>
  Object.keys(template.findResources('AWS::Scheduler::Schedule')).filter((id) =>
    id.startsWith('SelfDestruct'),
  );

describe.each(allLabs().map((lab) => [lab.id, lab] as const))(
  '%s deployed to AWS with an expiry',
  (_id, lab) => {
    const template = labTemplate(lab.id, { expiry: true });
    const deleterLogicalId = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('SelfDestructDeleter'),
    ) as string;

    test('invokes the self-destruct function at the expiry, then every 30 minutes until the stack is gone', () => {
      // A lab may have schedules of its own (lab-10): the kit's are the self-destruct's.
      expect(selfDestructSchedules(template)).toHaveLength(2);
      const target = {
        Arn: { 'Fn::GetAtt': [deleterLogicalId, 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: 1800 }),
      };
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'at(2026-11-23T04:00:00)',
        ScheduleExpressionTimezone: 'Etc/UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      });
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        // A rate schedule's first invocation is at its start date (AWS); it fires until the stack is gone.
        ScheduleExpression: 'rate(30 minutes)',
        StartDate: '2026-11-23T04:30:00.000Z',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      });
    });

    test('every other resource depends on the retry schedule, so CloudFormation deletes the retrier last', () => {
      const resources = template.toJSON().Resources as Record<string, { DependsOn?: string | string[] }>;
      const scheduleId = Object.keys(
        template.findResources('AWS::Scheduler::Schedule', {
          Properties: { ScheduleExpression: 'rate(30 minutes)' },
        }),
      )[0];
      const retrier = Object.keys(resources).filter((id) => id.startsWith('SelfDestruct'));
      // The retrier: the schedule, the function with its role, policy and log group, the invoker role.
      expect(retrier.length).toBeGreaterThanOrEqual(7);
      const notWaiting = Object.entries(resources)
        .filter(([id]) => !retrier.includes(id))
        .filter(([, resource]) => ![resource.DependsOn ?? []].flat().includes(scheduleId))
        .map(([id]) => id);
      expect(notWaiting).toEqual([]);
      // ...and nothing of the retrier waits for the rest of the stack.
      for (const id of retrier) {
        for (const dependency of [resources[id].DependsOn ?? []].flat())
          expect(retrier).toContain(dependency);
      }
    });

    test('the function may describe and delete only its own stack (AWS::StackId, no wildcard)', () => {
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((s: { Action: string | string[] }) =>
          [s.Action].flat().some((a) => a.startsWith('cloudformation:')),
        );
      expect(statements).toEqual([
        {
          Action: ['cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
          Effect: 'Allow',
          Resource: { Ref: 'AWS::StackId' },
        },
      ]);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { STACK_ID: { Ref: 'AWS::StackId' } } },
      });
    });

    test('carries the expiry in its expires-at tag', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Tags: Match.arrayWith([{ Key: TAG_KEYS.expiresAt, Value: '2026-11-23T04:00:00.000Z' }]),
      });
    });
  },
);

test.each(allLabs().map((lab) => [lab.id, lab] as const))(
  '%s without an expiry has no schedule (local targets, or -c labkit:ttl=none)',
  (_id, lab) => {
    expect(selfDestructSchedules(labTemplate(lab.id, { target: 'ministack' }))).toEqual([]);
  },
);

test('plain cdk deploy to AWS expires in 4 hours by default; locally not at all', () => {
  const now = Date.parse('2026-11-23T00:00:00Z');
  expect(resolveExpiry({}, true, now)?.toISOString()).toBe('2026-11-23T04:00:00.000Z');
  expect(resolveExpiry({ ttl: '90m' }, true, now)?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
  expect(resolveExpiry({ ttl: 'none' }, true, now)).toBeUndefined();
  expect(resolveExpiry({}, false, now)).toBeUndefined();
  expect(resolveExpiry({ ttl: '2m' }, false, now)?.toISOString()).toBe('2026-11-23T00:02:00.000Z');
  expect(resolveExpiry({ expiresAt: '2026-12-01T10:00:00Z', ttl: '1h' }, true, now)?.toISOString()).toBe(
    '2026-12-01T10:00:00.000Z',
  );
});

test('the app built for AWS warns, per lab, when it has no expiry (--ttl none)', () => {
  // One lab is enough (and keeps the test from growing with the catalogue): any that deploys to AWS.
  const lab = allLabs().find((l) => l.support.aws.level !== 'none');
  if (!lab) return;
  const app = createLabApp({
    context: {
      'aws:cdk:bundling-stacks': [],
      'labkit:target': 'aws',
      'labkit:ttl': 'none',
      'labkit:labs': lab.id,
    },
  });
  const warnings = app.node
    .findChild(lab.id)
    .node.metadata.filter((m) => m.type === 'aws:cdk:warning')
    .map((m) => String(m.data));
  expect(warnings).toContainEqual(
    expect.stringMatching(new RegExp(`${lab.id} has no expiry .* bills until you destroy it`)),
  );
});

test.each(['0', '-1h', 'soon', '200h'])('a bad TTL (%s) is one clear error', (ttl) => {
  expect(() => parseTtl(ttl)).toThrow(
    /is not a time to live: use hours or minutes between 1m and 168h \(4h, 90m\), or none/,
  );
});

// A bad TTL through bin/app.ts as a process (one line, exit 1): test/e2e/cli-processes.e2e.test.ts.

test('an expiry already in the past is one clear error', () => {
  const now = Date.parse('2026-11-23T00:00:00Z');
  expect(() => resolveExpiry({ expiresAt: '2026-11-22T23:59:59Z' }, true, now)).toThrow(LabInputError);
  expect(() => resolveExpiry({ expiresAt: '2026-11-22T23:59:59Z' }, true, now)).toThrow(
    '-c labkit:expiresAt=2026-11-22T23:59:59Z is in the past: give a later time, or -c labkit:ttl=4h',
  );
  expect(() => resolveExpiry({ expiresAt: '2026-11-23T00:00:00Z' }, false, now)).toThrow(/is in the past/);
});

describe('a redeploy keeps the later expiry unless --ttl is given', () => {
  const requested = new Date('2026-11-23T04:00:00Z');

  test('a deployed stack that expires later keeps its expiry', () => {
    expect(expiryForRedeploy(requested, ['2026-11-23T06:30:00.000Z'], false)).toEqual({
      expiresAt: new Date('2026-11-23T06:30:00Z'),
      keptExisting: true,
    });
  });

  test('a deployed stack that expires sooner gets the new expiry', () => {
    expect(expiryForRedeploy(requested, ['2026-11-23T01:00:00.000Z'], false)).toEqual({
      expiresAt: requested,
      keptExisting: false,
    });
  });

  test('--ttl always wins, also when it is shorter or none', () => {
    expect(expiryForRedeploy(requested, ['2026-11-23T06:30:00.000Z'], true)).toEqual({
      expiresAt: requested,
      keptExisting: false,
    });
    expect(expiryForRedeploy(undefined, ['2026-11-23T06:30:00.000Z'], true).expiresAt).toBeUndefined();
  });

  test('labs not deployed, no expiry (none) and unreadable tags do not count', () => {
    expect(expiryForRedeploy(requested, [undefined, 'none', 'soon'], false)).toEqual({
      expiresAt: requested,
      keptExisting: false,
    });
  });

  test('several labs: the latest expiry is kept for the run, so none is cut short', () => {
    expect(
      expiryForRedeploy(requested, ['2026-11-23T05:00:00.000Z', undefined, '2026-11-23T07:00:00.000Z'], false)
        .expiresAt,
    ).toEqual(new Date('2026-11-23T07:00:00Z'));
  });
});
