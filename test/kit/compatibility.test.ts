import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  applyCompatibilityResource,
  type CompatClients,
  handler,
} from '../../lambda/kit/emulator-compatibility';
import { COMPAT_RESOURCE_TYPES } from '../../lambda/kit/emulator-compatibility/resource-types';
import { toIpPermission } from '../../lambda/kit/emulator-compatibility/security-group-rule';
import { addLabStack } from '../../lib/cdk/app';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { allLabs, findLab, type LabDefinition, type Target } from '../../lib/lab/catalogue';
import {
  AL2023_AMI_PARAMETER,
  applyCompatibilitySteps,
  COMPAT_PROVIDER_ID,
  COMPATIBILITY_STEPS,
  type CompatibilityStep,
  compatibilityStepsFor,
  MINISTACK_AL2023_AMI_PARAMETER,
  routedThroughEmulator,
  type StepTemplate,
  stepApplies,
  stepsFor,
} from '../../lib/targets/compatibility';
import {
  LAMBDA_IN_FLIGHT_PATH,
  type LambdaInFlight,
  lambdaInFlight,
  waitForLateInvocations,
} from '../../lib/targets/compatibility/late-log-groups';
import { COMPAT_ACTIONS } from '../../lib/targets/compatibility/provider';
import { cachedTemplate } from '../support/lab-cache';
import { labTemplate, testApp } from '../support/synth';

// aws-cdk-lib prints its validation report (the annotations of a lab built as a user builds it) to
// stderr; what these tests check is in the assembly and the templates, and a green run prints nothing.
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => jest.restoreAllMocks());

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * A lab's template as built for AWS: what the steps are computed from. From the run's lab cache
 * (test/support/lab-cache.ts: the same app and stack as `addLabStack(testApp(), lab, 'aws')`).
 */
function awsTemplate(lab: LabDefinition): StepTemplate {
  return cachedTemplate(lab.id) as StepTemplate;
}

/**
 * The same, synthesized in this process: what a step's transform is compared against (the cached one
 * differs in the asset hashes of functions whose bundling is skipped, which a step never touches).
 */
const synthesized = new Map<string, StepTemplate>();
function freshAwsTemplate(lab: LabDefinition): StepTemplate {
  if (!synthesized.has(lab.id)) {
    synthesized.set(lab.id, Template.fromStack(addLabStack(testApp(), lab, 'aws')).toJSON() as StepTemplate);
  }
  return synthesized.get(lab.id) as StepTemplate;
}

/** A lab's template as built for MiniStack (every step that applies), from the lab cache. */
const ministackTemplate = (labId: string) => labTemplate(labId, { target: 'ministack' });

/** A lab's template with only `steps` applied. */
function templateWith(lab: LabDefinition, steps: readonly CompatibilityStep[]): StepTemplate {
  const stack = addLabStack(testApp(), lab, 'aws');
  applyCompatibilitySteps(stack, 'ministack', steps);
  return Template.fromStack(stack).toJSON() as StepTemplate;
}

const names = (steps: CompatibilityStep[]) => steps.map((s) => s.name);

describe('compatibility steps', () => {
  test('are named, explained, one module each, and exist only for the emulators', () => {
    expect(compatibilityStepsFor('aws')).toEqual([]);
    expect(names(compatibilityStepsFor('localstack'))).toEqual(['default-log-groups']);
    for (const step of COMPATIBILITY_STEPS) {
      expect(step.name).toMatch(/^[a-z0-9-]+$/);
      expect(step.why.length).toBeGreaterThan(40);
      expect(existsSync(join(PROJECT_ROOT, 'lib', 'targets', 'compatibility', `${step.name}.ts`))).toBe(true);
      expect(step.covers.resourceTypes.length).toBeGreaterThan(0);
      // Only a step that runs after `labs destroy` may be missing under plain CDK, and it says what then.
      if (step.phase === 'labs-destroy') expect(step.plainCdk?.length).toBeGreaterThan(20);
      else expect(step.afterDestroy).toBeUndefined();
      if (step.phase === 'deploy')
        expect(Object.values(COMPAT_RESOURCE_TYPES)).toContain(step.customResourceType);
    }
  });

  // Which steps each lab needs is that lab's fact: test/labs/<slug>.test.ts checks its own list.
  test('the steps of each lab are computed from its template, and only for the emulators', () => {
    for (const lab of allLabs()) {
      for (const target of ['ministack', 'localstack'] as Target[]) {
        const steps = names(stepsFor(awsTemplate(lab), target));
        expect(steps.filter((name) => !names(compatibilityStepsFor(target)).includes(name))).toEqual([]);
      }
      expect(stepsFor(awsTemplate(lab), 'aws')).toEqual([]);
    }
  });

  // What a step's synth-time transform does must match what it says it covers: it changes a lab's
  // template exactly when it applies, touches only resources of its covered types, and adds only its
  // own custom resources (with the compatibility function they need). Each step that applies is
  // checked on its own; the steps that do not apply are applied together and must change nothing
  // (one synth per lab for all of them: steps only replace or add resources, so one cannot undo
  // another's change).
  const transformSteps = [
    ...compatibilityStepsFor('ministack'),
    ...compatibilityStepsFor('localstack'),
  ].filter((s) => s.transform);
  /** What applying `steps` to a lab changes, against the lab as built for AWS in this process. */
  function changesOf(lab: LabDefinition, steps: readonly CompatibilityStep[]) {
    const before = freshAwsTemplate(lab);
    const after = templateWith(lab, steps);
    const was = (before.Resources ?? {}) as Resources;
    const now = (after.Resources ?? {}) as Resources;
    const provider = Object.keys(now).filter((id) => id.startsWith(COMPAT_PROVIDER_ID));
    const touched = Object.keys(was).filter((id) => JSON.stringify(was[id]) !== JSON.stringify(now[id]));
    const added = Object.keys(now).filter((id) => !(id in was) && !provider.includes(id));
    const parametersChanged = JSON.stringify(before.Parameters) !== JSON.stringify(after.Parameters);
    const changed = touched.length > 0 || added.length > 0 || parametersChanged;
    return { was, now, provider, touched, added, changed };
  }
  test.each(allLabs().map((lab) => [lab.id, lab] as const))(
    '%s: each transform step acts only on what it covers',
    (_id, lab) => {
      const applies = (step: CompatibilityStep) => stepApplies(step, awsTemplate(lab));
      for (const step of transformSteps.filter(applies)) {
        const { was, now, provider, touched, added, changed } = changesOf(lab, [step]);
        expect({ step: step.name, changed }).toEqual({ step: step.name, changed: true });
        for (const id of touched) expect(step.covers.resourceTypes).toContain(was[id].Type);
        for (const id of added) expect(now[id].Type).toBe(step.customResourceType);
        if (step.phase !== 'deploy') expect(provider).toEqual([]);
        // The compatibility function exists only where a custom resource needs it.
        expect({ step: step.name, provider: provider.length > 0 }).toEqual({
          step: step.name,
          provider: step.phase === 'deploy',
        });
      }
      const others = transformSteps.filter((step) => !applies(step));
      if (others.length === 0) return;
      const { touched, added, provider, changed } = changesOf(lab, others);
      expect({ steps: names(others), changed, touched, added, provider }).toEqual({
        steps: names(others),
        changed: false,
        touched: [],
        added: [],
        provider: [],
      });
    },
  );

  test('late-log-groups acts only on the log groups among the resources recorded before the destroy', async () => {
    const step = COMPATIBILITY_STEPS.find((s) => s.name === 'late-log-groups');
    expect(step?.covers.resourceTypes).toEqual(['AWS::Logs::LogGroup']);
    // No log group recorded: nothing to look at, and no call to the emulator.
    const resources = [{ type: 'AWS::SQS::Queue', logicalId: 'Queue', physicalId: 'http://127.0.0.1:1/q' }];
    expect(
      await step?.afterDestroy?.({ stackName: 'lab-99', resources, endpoint: 'http://127.0.0.1:1' }),
    ).toBeUndefined();
  });

  describe('late-log-groups waits only while the destroyed stack has Lambda work running', () => {
    const resources = [
      { type: 'AWS::Lambda::Function', logicalId: 'Consumer', physicalId: 'lab-99-Consumer' },
      { type: 'AWS::Lambda::EventSourceMapping', logicalId: 'Mapping', physicalId: 'esm-1' },
      { type: 'AWS::Logs::LogGroup', logicalId: 'Logs', physicalId: '/aws/lambda/lab-99-Consumer' },
    ];
    const idle: LambdaInFlight = {
      functions: { 'other-lab-fn': 3 },
      eventSourceMappingBatches: { 'esm-9': 1 },
    };
    /** Answers each ask with the next report (the last one repeats), counting the asks. */
    const reports = (...answers: (LambdaInFlight | undefined)[]) => {
      const asked = { count: 0 };
      const ask = async () => answers[Math.min(asked.count++, answers.length - 1)];
      return { asked, ask };
    };

    test('nothing of its own runs (other labs may): one ask, no wait', async () => {
      const { asked, ask } = reports(idle);
      expect(
        await waitForLateInvocations(resources, { ask, pollMs: 1, blindWaitMs: 60_000 }),
      ).toBeUndefined();
      expect(asked.count).toBe(1);
    });

    test('its function runs, then its mapping holds a batch: asks until neither does', async () => {
      const { asked, ask } = reports(
        { functions: { 'lab-99-Consumer': 1 }, eventSourceMappingBatches: {} },
        { functions: {}, eventSourceMappingBatches: { 'esm-1': 1 } },
        idle,
      );
      expect(await waitForLateInvocations(resources, { ask, pollMs: 1 })).toBeUndefined();
      expect(asked.count).toBe(3);
    });

    test('still running at the limit: says what, and stops waiting', async () => {
      const { ask } = reports({ functions: { 'lab-99-Consumer': 2 }, eventSourceMappingBatches: {} });
      expect(await waitForLateInvocations(resources, { ask, pollMs: 1, limitMs: 0 })).toBe(
        'still running after 0 s: lab-99-Consumer',
      );
    });

    test('an emulator that cannot tell: one ask, then the fixed wait', async () => {
      const { asked, ask } = reports(undefined);
      const started = Date.now();
      expect(await waitForLateInvocations(resources, { ask, blindWaitMs: 50 })).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      expect(asked.count).toBe(1);
    });

    test('reads the endpoint of the kit-run MiniStack; anything else means it cannot tell', async () => {
      const bodies: Record<string, [number, string]> = {
        '/ok': [200, JSON.stringify({ functions: { f: 1 }, eventSourceMappingBatches: {} })],
        '/other': [200, '{"Buckets": []}'],
        '/missing': [404, 'not found'],
      };
      const server = createServer((request, response) => {
        const prefix = (request.url ?? '').replace(LAMBDA_IN_FLIGHT_PATH, '');
        const [status, body] = bodies[prefix] ?? [500, ''];
        response.writeHead(status).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        expect(await lambdaInFlight(`${base}/ok`)).toEqual({
          functions: { f: 1 },
          eventSourceMappingBatches: {},
        });
        expect(await lambdaInFlight(`${base}/other`)).toBeUndefined();
        expect(await lambdaInFlight(`${base}/missing`)).toBeUndefined();
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      expect(await lambdaInFlight(base.replace(/:\d+$/, ':1'))).toBeUndefined();
    });
  });

  test('nothing of it reaches the AWS template', () => {
    for (const lab of allLabs()) {
      const resources = Object.entries((awsTemplate(lab).Resources ?? {}) as Resources);
      expect(
        resources.filter(
          ([id, r]) => id.startsWith(COMPAT_PROVIDER_ID) || r.Type.startsWith('Custom::Labkit'),
        ),
      ).toEqual([]);
    }
  });

  test.each(['lab-01', 'lab-03'])(
    '%s on ministack: each standalone security group rule becomes a custom resource with the same logical id',
    (labId) => {
      const lab = findLab(labId);
      const aws = (awsTemplate(lab).Resources ?? {}) as Resources;
      const rules = Object.entries(aws).filter(([, r]) =>
        /^AWS::EC2::SecurityGroup(Ingress|Egress)$/.test(r.Type),
      );
      expect(rules.length).toBeGreaterThan(0);
      const mini = ministackTemplate(lab.id);
      expect(mini.findResources('AWS::EC2::SecurityGroupIngress')).toEqual({});
      expect(mini.findResources('AWS::EC2::SecurityGroupEgress')).toEqual({});
      const custom = mini.findResources(COMPAT_RESOURCE_TYPES.securityGroupRule);
      for (const [id, rule] of rules) {
        const { ServiceToken, ServiceTimeout, Direction, ...properties } = custom[id].Properties;
        expect(Direction).toBe(rule.Type.endsWith('Ingress') ? 'ingress' : 'egress');
        expect(properties).toEqual(rule.Properties);
        expect(ServiceTimeout).toBe(60);
        expect(ServiceToken).toEqual({
          'Fn::GetAtt': [expect.stringMatching(/^LabkitCompatibility/), 'Arn'],
        });
      }
    },
  );

  test('lab-02 on ministack: its FIFO topic gets a custom resource that sets FifoTopic and ContentBasedDeduplication', () => {
    const mini = ministackTemplate('lab-02');
    const topics = mini.findResources('AWS::SNS::Topic', { Properties: { FifoTopic: true } });
    expect(Object.keys(topics)).toHaveLength(1);
    const [topicId] = Object.keys(topics);
    mini.hasResourceProperties(COMPAT_RESOURCE_TYPES.fifoTopicAttributes, {
      TopicArn: { Ref: topicId },
      FifoTopic: 'true',
      ContentBasedDeduplication: topics[topicId].Properties.ContentBasedDeduplication,
    });
  });

  test('lab-01 on ministack: the forwarder reaches the load balancer through the emulator, and its target is registered', () => {
    const mini = ministackTemplate('lab-01');
    const [lb] = Object.keys(mini.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'));
    mini.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          SERVICE_URL: {
            'Fn::Join': [
              '',
              ['http://127.0.0.1:4566/_alb/', { 'Fn::GetAtt': [lb, 'LoadBalancerName'] }, '/events'],
            ],
          },
        },
      },
    });
    const [group] = Object.keys(mini.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    mini.hasResourceProperties(COMPAT_RESOURCE_TYPES.targetGroupTargets, {
      TargetGroupArn: { Ref: group },
      Targets: [{ Id: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } }],
    });
  });

  test('a load balancer URL is rewritten only when it is http(s):// + that DNS name', () => {
    const isLb = (id: string) => id === 'Lb';
    const url = (prefix: string, rest: unknown[]) => ({
      'Fn::Join': ['', [prefix, { 'Fn::GetAtt': ['Lb', 'DNSName'] }, ...rest]],
    });
    expect(routedThroughEmulator(url('https://', []), isLb, 'http://127.0.0.1:4600')).toEqual({
      'Fn::Join': ['', ['http://127.0.0.1:4600/_alb/', { 'Fn::GetAtt': ['Lb', 'LoadBalancerName'] }, '/']],
    });
    expect(routedThroughEmulator(url('dns:', ['/x']), isLb, 'http://e')).toBeUndefined();
    expect(routedThroughEmulator('http://example.com', isLb, 'http://e')).toBeUndefined();
  });

  test('lab-03 on ministack reads the AL2023 AMI from the parameter MiniStack serves', () => {
    const defaults = (t: StepTemplate) => Object.values(t.Parameters ?? {}).map((p) => p.Default);
    expect(defaults(awsTemplate(findLab('lab-03')))).toContain(AL2023_AMI_PARAMETER);
    const mini = defaults(ministackTemplate('lab-03').toJSON());
    expect(mini).toContain(MINISTACK_AL2023_AMI_PARAMETER);
    expect(mini).not.toContain(AL2023_AMI_PARAMETER);
  });
});

/** The actions the compatibility function's role may call in a lab's MiniStack template. */
function compatibilityActions(labId: string): { granted: string[]; types: string[] } {
  const resources = Object.entries(
    ministackTemplate(labId).toJSON().Resources as Record<string, { Type: string; Properties?: any }>,
  );
  const policy = resources.find(
    ([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith(COMPAT_PROVIDER_ID),
  )?.[1];
  const statements = (policy?.Properties.PolicyDocument.Statement ?? []) as {
    Action: string | string[];
    Resource: unknown;
  }[];
  return {
    // The statement on '*'; the others are the function's own log group (LabFunction).
    granted: statements
      .filter((s) => s.Resource === '*')
      .flatMap((s) => s.Action)
      .sort(),
    types: [
      ...new Set(resources.map(([, r]) => r.Type).filter((t) => t.startsWith('Custom::Labkit'))),
    ].sort(),
  };
}

describe('the compatibility function grants only what the lab needs (issue 24 item 13)', () => {
  test('lab-03 on ministack: only the security group rule actions', () => {
    expect(compatibilityActions('lab-03')).toEqual({
      granted: [
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupIngress',
      ],
      types: [COMPAT_RESOURCE_TYPES.securityGroupRule],
    });
  });

  test.each(allLabs().map((lab) => lab.id))(
    '%s on ministack: the actions of its custom resource types',
    (id) => {
      const { granted, types } = compatibilityActions(id);
      const needed = types.flatMap((type) => COMPAT_ACTIONS[type as keyof typeof COMPAT_ACTIONS]).sort();
      expect(granted).toEqual(needed);
    },
  );
});

describe('the compatibility function (lambda/kit/emulator-compatibility)', () => {
  function recorder() {
    const calls: [string, unknown][] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        calls.push([command.constructor.name, command.input]);
        return {};
      },
    };
    return {
      calls,
      clients: {
        ec2: client,
        sns: client,
        elb: client,
        s3: client,
        lambda: client,
        secretsManager: client,
        events: client,
      } as unknown as CompatClients,
    };
  }
  const base = {
    ServiceToken: 'arn',
    StackId: 'stack',
    RequestId: 'req',
    LogicalResourceId: 'Rule',
    ResponseURL: 'http://127.0.0.1/',
  };

  test('a security group rule is the same EC2 permission, numbers restored', () => {
    expect(
      toIpPermission({
        Direction: 'ingress',
        GroupId: 'sg-service',
        IpProtocol: 'tcp',
        FromPort: '80',
        ToPort: '80',
        SourceSecurityGroupId: 'sg-forwarder',
        Description: 'HTTP from the forwarder only',
      }),
    ).toEqual({
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      UserIdGroupPairs: [{ GroupId: 'sg-forwarder', Description: 'HTTP from the forwarder only' }],
    });
  });

  test('an egress rule is authorized and the default allow-all egress revoked, as CloudFormation does', async () => {
    const { calls, clients } = recorder();
    const id = await applyCompatibilityResource(
      {
        ...base,
        RequestType: 'Create',
        ResourceType: COMPAT_RESOURCE_TYPES.securityGroupRule,
        ResourceProperties: {
          ServiceToken: 'arn',
          Direction: 'egress',
          GroupId: 'sg-a',
          IpProtocol: 'tcp',
          FromPort: '80',
          ToPort: '80',
          DestinationSecurityGroupId: 'sg-b',
        },
      },
      clients,
    );
    expect(id).toBe('Rule-req');
    expect(calls.map(([name]) => name)).toEqual([
      'AuthorizeSecurityGroupEgressCommand',
      'RevokeSecurityGroupEgressCommand',
    ]);
  });

  test('FIFO attributes are set on create and left alone on delete', async () => {
    const { calls, clients } = recorder();
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.fifoTopicAttributes,
      ResourceProperties: {
        ServiceToken: 'arn',
        TopicArn: 'arn:topic.fifo',
        FifoTopic: 'true',
        ContentBasedDeduplication: 'true',
      },
    };
    await applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients);
    expect(calls).toEqual([
      [
        'SetTopicAttributesCommand',
        { TopicArn: 'arn:topic.fifo', AttributeName: 'FifoTopic', AttributeValue: 'true' },
      ],
      [
        'SetTopicAttributesCommand',
        { TopicArn: 'arn:topic.fifo', AttributeName: 'ContentBasedDeduplication', AttributeValue: 'true' },
      ],
    ]);
    calls.length = 0;
    await applyCompatibilityResource({ ...event, RequestType: 'Delete', PhysicalResourceId: 'p' }, clients);
    expect(calls).toEqual([]);
  });

  test('reserved concurrency is put as a number on create and left alone on delete', async () => {
    const { calls, clients } = recorder();
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.functionReservedConcurrency,
      ResourceProperties: { ServiceToken: 'arn', FunctionName: 'limited', ReservedConcurrentExecutions: '1' },
    };
    await applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients);
    expect(calls).toEqual([
      ['PutFunctionConcurrencyCommand', { FunctionName: 'limited', ReservedConcurrentExecutions: 1 }],
    ]);
    calls.length = 0;
    await applyCompatibilityResource({ ...event, RequestType: 'Delete', PhysicalResourceId: 'p' }, clients);
    expect(calls).toEqual([]);
  });

  test('bucket settings are put in S3 API form on create (strings from CloudFormation converted), nothing on delete', async () => {
    const { calls, clients } = recorder();
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.bucketConfiguration,
      ResourceProperties: {
        ServiceToken: 'arn',
        BucketName: 'data',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: 'true',
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:key' },
            },
          ],
        },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'tier',
              Status: 'Enabled',
              Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: '30' }],
              NoncurrentVersionExpiration: { NoncurrentDays: '60', NewerNoncurrentVersions: '3' },
            },
            { Id: 'markers', Status: 'Enabled', ExpiredObjectDeleteMarker: 'true' },
          ],
        },
        ReplicationConfiguration: {
          Role: 'arn:role',
          Rules: [
            {
              Id: 'r',
              Priority: '1',
              Status: 'Enabled',
              Filter: { Prefix: 'replicated/' },
              DeleteMarkerReplication: { Status: 'Disabled' },
              SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
              Destination: { Bucket: 'arn:replica', EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:key' } },
            },
          ],
        },
        Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }],
      },
    };
    await applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients);
    expect(calls.map(([name]) => name)).toEqual([
      'PutBucketEncryptionCommand',
      'PutBucketLifecycleConfigurationCommand',
      'PutBucketReplicationCommand',
      'PutBucketTaggingCommand',
    ]);
    expect(calls[0][1]).toEqual({
      Bucket: 'data',
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:key' },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    expect(calls[1][1]).toMatchObject({
      LifecycleConfiguration: {
        Rules: [
          {
            ID: 'tier',
            Filter: { Prefix: '' },
            Transitions: [{ StorageClass: 'STANDARD_IA', Days: 30 }],
            NoncurrentVersionExpiration: { NoncurrentDays: 60, NewerNoncurrentVersions: 3 },
          },
          { ID: 'markers', Expiration: { ExpiredObjectDeleteMarker: true } },
        ],
      },
    });
    expect(calls[2][1]).toMatchObject({
      ReplicationConfiguration: {
        Role: 'arn:role',
        Rules: [
          {
            ID: 'r',
            Priority: 1,
            Filter: { Prefix: 'replicated/' },
            DeleteMarkerReplication: { Status: 'Disabled' },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Destination: { Bucket: 'arn:replica', EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:key' } },
          },
        ],
      },
    });
    expect(calls[3][1]).toEqual({
      Bucket: 'data',
      Tagging: { TagSet: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }] },
    });
    calls.length = 0;
    await applyCompatibilityResource({ ...event, RequestType: 'Delete', PhysicalResourceId: 'p' }, clients);
    expect(calls).toEqual([]);
  });

  test('a rotation schedule turns rotation on with RotateSecret (days as a number), nothing on delete', async () => {
    const { calls, clients } = recorder();
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.rotationSchedule,
      ResourceProperties: {
        ServiceToken: 'arn',
        SecretId: 'secret',
        RotationLambdaARN: 'arn:function',
        RotationRules: { AutomaticallyAfterDays: '30' },
      },
    };
    await applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients);
    expect(calls).toEqual([
      [
        'RotateSecretCommand',
        {
          SecretId: 'secret',
          RotationLambdaARN: 'arn:function',
          RotationRules: { AutomaticallyAfterDays: 30 },
          RotateImmediately: true,
        },
      ],
    ]);
    calls.length = 0;
    await applyCompatibilityResource({ ...event, RequestType: 'Delete', PhysicalResourceId: 'p' }, clients);
    expect(calls).toEqual([]);
  });

  test('targets are registered on create and deregistered on delete', async () => {
    const { calls, clients } = recorder();
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.targetGroupTargets,
      ResourceProperties: { ServiceToken: 'arn', TargetGroupArn: 'arn:tg', Targets: [{ Id: 'arn:fn' }] },
    };
    await applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients);
    await applyCompatibilityResource({ ...event, RequestType: 'Delete', PhysicalResourceId: 'p' }, clients);
    expect(calls).toEqual([
      ['RegisterTargetsCommand', { TargetGroupArn: 'arn:tg', Targets: [{ Id: 'arn:fn' }] }],
      ['DeregisterTargetsCommand', { TargetGroupArn: 'arn:tg', Targets: [{ Id: 'arn:fn' }] }],
    ]);
  });

  test('an updated rule is revoked in its old form and created in its new one, under the same physical id', async () => {
    const { calls, clients } = recorder();
    const rule = {
      ServiceToken: 'arn',
      Direction: 'ingress',
      GroupId: 'sg-a',
      IpProtocol: 'tcp',
      CidrIp: '10.0.0.0/16',
    };
    const id = await applyCompatibilityResource(
      {
        ...base,
        RequestType: 'Update',
        PhysicalResourceId: 'Rule-first',
        ResourceType: COMPAT_RESOURCE_TYPES.securityGroupRule,
        ResourceProperties: { ...rule, FromPort: '8080', ToPort: '8080' },
        OldResourceProperties: { ...rule, FromPort: '80', ToPort: '80' },
      },
      clients,
    );
    expect(id).toBe('Rule-first');
    expect(
      calls.map(([name, input]) => [
        name,
        (input as { IpPermissions: { FromPort: number }[] }).IpPermissions[0].FromPort,
      ]),
    ).toEqual([
      ['RevokeSecurityGroupIngressCommand', 80],
      ['AuthorizeSecurityGroupIngressCommand', 8080],
    ]);
  });

  test('an archive is created with its pattern as JSON text and answers its ARN; deleted by name', async () => {
    const calls: [string, unknown][] = [];
    const events = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        calls.push([command.constructor.name, command.input]);
        if (command.constructor.name === 'CreateArchiveCommand') return { ArchiveArn: 'arn:archive/orders' };
        if (command.constructor.name === 'DeleteArchiveCommand') {
          throw Object.assign(new Error('Archive orders does not exist.'), {
            name: 'ResourceNotFoundException',
          });
        }
        return {};
      },
    };
    const clients = { ...recorder().clients, events } as unknown as CompatClients;
    const event = {
      ...base,
      ResourceType: COMPAT_RESOURCE_TYPES.eventArchive,
      ResourceProperties: {
        ServiceToken: 'arn',
        ArchiveName: 'lab-10-Orders',
        SourceArn: 'arn:bus',
        EventPattern: { source: ['lab10.shop'] },
        RetentionDays: '1',
      },
    };
    await expect(applyCompatibilityResource({ ...event, RequestType: 'Create' }, clients)).resolves.toEqual({
      physicalId: 'lab-10-Orders',
      data: { Arn: 'arn:archive/orders' },
    });
    expect(calls).toEqual([
      [
        'CreateArchiveCommand',
        {
          ArchiveName: 'lab-10-Orders',
          EventSourceArn: 'arn:bus',
          EventPattern: '{"source":["lab10.shop"]}',
          RetentionDays: 1,
        },
      ],
    ]);
    calls.length = 0;
    // Already gone on delete: fine.
    await expect(
      applyCompatibilityResource(
        { ...event, RequestType: 'Delete', PhysicalResourceId: 'lab-10-Orders' },
        clients,
      ),
    ).resolves.toBe('lab-10-Orders');
    expect(calls).toEqual([['DeleteArchiveCommand', { ArchiveName: 'lab-10-Orders' }]]);
  });

  test('the handler answers the response URL, FAILED with the reason when the step fails', async () => {
    const bodies: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push({ method: req.method, ...JSON.parse(body) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cfn-response/token`;
      await handler({
        ...base,
        ResponseURL: url,
        RequestType: 'Create',
        ResourceType: 'Custom::Other',
        ResourceProperties: { ServiceToken: 'arn' },
      });
      expect(bodies).toEqual([
        expect.objectContaining({
          method: 'PUT',
          Status: 'FAILED',
          PhysicalResourceId: 'Rule-failed',
          RequestId: 'req',
          Reason: expect.stringContaining('unknown compatibility resource type Custom::Other'),
        }),
      ]);
      // The function's log gets the error too.
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
      server.close();
    }
  });

  test('an unknown type fails (and the handler answers FAILED rather than hanging the stack)', async () => {
    const { clients } = recorder();
    await expect(
      applyCompatibilityResource(
        {
          ...base,
          RequestType: 'Create',
          ResourceType: 'Custom::Other',
          ResourceProperties: { ServiceToken: 'arn' },
        },
        clients,
      ),
    ).rejects.toThrow('unknown compatibility resource type Custom::Other');
  });
});
