import { Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CostAwareVpc } from '../../lib/constructs/cost-aware-vpc';
import { LabStack } from '../../lib/constructs/lab-stack';
import { allLabs } from '../../lib/lab/catalogue';
import { TAG_KEYS } from '../../lib/safety/tags';
import {
  allGuardrailViolations,
  deprecatedRuntimeNames,
  deprecatedRuntimes,
  functionsWithoutManagedLogs,
  retainedResources,
  unexpectedNatGateways,
  untaggedResources,
  wildcardActionGrants,
} from '../support/guardrails';
import { cachedLab } from '../support/lab-cache';
import { labTemplate, testApp } from '../support/synth';

// Each lab as built for AWS, without and with its expiry (the self-destruct function and schedule).
describe.each(
  allLabs().flatMap((lab) => [
    [`${lab.id}`, lab, false] as const,
    [`${lab.id} with an expiry`, lab, true] as const,
  ]),
)('%s follows the kit-wide guardrails', (_id, lab, expiry) => {
  test('no guardrail violation', () => {
    const cached = cachedLab(lab.id, { expiry });
    expect(allGuardrailViolations(lab, cached.taggable, labTemplate(lab.id, { expiry }))).toEqual([]);
  });
});

describe('each guardrail fails on a deliberately bad stack', () => {
  const inline = () => lambda.Code.fromInline('exports.handler = async () => {}');

  test('a retained table is reported', () => {
    const stack = new Stack(testApp(), 'Bad');
    new dynamodb.TableV2(stack, 'Kept', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    expect(retainedResources(Template.fromStack(stack))).toEqual([
      expect.stringMatching(/^Kept.* \(AWS::DynamoDB::GlobalTable\) has policy Retain$/),
      expect.stringMatching(/^Kept.* has policy Retain$/),
    ]);
  });

  test('a function that lets Lambda create its own log group is reported', () => {
    const stack = new Stack(testApp(), 'Bad');
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: inline(),
    });
    expect(functionsWithoutManagedLogs(Template.fromStack(stack))).toEqual([
      expect.stringMatching(/^Fn.* has no explicit log group in the stack$/),
    ]);
  });

  test('a NAT gateway without the catalogue opt-in is reported, and allowed with it', () => {
    const stack = new Stack(testApp(), 'Bad');
    new CostAwareVpc(stack, 'Net', {
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const template = Template.fromStack(stack);
    expect(unexpectedNatGateways(template, { id: 'lab-99' })).toHaveLength(1);
    expect(unexpectedNatGateways(template, { id: 'lab-99', allowsNatGateway: true })).toEqual([]);
  });

  test('a resource without the kit tags is reported', () => {
    const stack = new Stack(testApp(), 'Bad');
    new sqs.Queue(stack, 'Untagged');
    expect(untaggedResources(stack, Template.fromStack(stack))).toEqual(
      Object.values(TAG_KEYS).map((key) => expect.stringContaining(`lacks tag ${key}`)),
    );
  });

  test('a lab stack tags its resources, and a partly tagged one is reported', () => {
    const stack = new LabStack(testApp(), 'Good', { labId: 'lab-99', labTitle: 'test' });
    new sqs.Queue(stack, 'Tagged');
    expect(untaggedResources(stack, Template.fromStack(stack))).toEqual([]);
    const partly = new Stack(testApp(), 'Partly');
    new sqs.Queue(partly, 'Q');
    Tags.of(partly).add(TAG_KEYS.lab, 'lab-99');
    expect(untaggedResources(partly, Template.fromStack(partly))).toHaveLength(2);
  });

  test('a deprecated runtime is reported; the list comes from aws-cdk-lib', () => {
    expect([...deprecatedRuntimeNames()]).toEqual(
      expect.arrayContaining(['nodejs16.x', 'nodejs20.x', 'python3.7']),
    );
    expect(deprecatedRuntimeNames().has('nodejs24.x')).toBe(false);
    const stack = new Stack(testApp(), 'Bad');
    new lambda.Function(stack, 'Old', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      code: inline(),
    });
    expect(deprecatedRuntimes(Template.fromStack(stack))).toEqual([expect.stringContaining('nodejs16.x')]);
  });

  test('an IAM statement allowing action "*" is reported', () => {
    const stack = new Stack(testApp(), 'Bad');
    const role = new iam.Role(stack, 'Admin', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    expect(wildcardActionGrants(Template.fromStack(stack))).toEqual([
      expect.stringContaining('allows action "*"'),
    ]);
  });
});
