import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCustomResource, type CustomResourceResult } from '../custom-resource-response';
import { applyBucketConfiguration, type BucketConfigurationProperties } from './bucket-configuration';
import { createArchive, deleteArchive, type EventArchiveProperties, updateArchive } from './event-archive';
import { type FifoTopicAttributesProperties, setFifoAttributes } from './fifo-topic-attributes';
import {
  type FunctionReservedConcurrencyProperties,
  putReservedConcurrency,
} from './function-reserved-concurrency';
import { COMPAT_RESOURCE_TYPES } from './resource-types';
import { type RotationScheduleProperties, startRotation } from './rotation-schedule';
import { createRule, deleteRule, type SecurityGroupRuleProperties } from './security-group-rule';
import {
  deregisterTargets,
  registerTargets,
  type TargetGroupTargetsProperties,
} from './target-group-targets';

/** The clients the steps use; a parameter so tests can observe the calls. */
export interface CompatClients {
  readonly ec2: Pick<EC2Client, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
  readonly elb: Pick<ElasticLoadBalancingV2Client, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
  readonly lambda: Pick<LambdaClient, 'send'>;
  readonly secretsManager: Pick<SecretsManagerClient, 'send'>;
  readonly events: Pick<EventBridgeClient, 'send'>;
}

type Properties = Record<string, unknown>;

/**
 * Carries out one compatibility custom resource of an emulator-bound lab template, during the
 * deploy: what the emulator's CloudFormation leaves out, done through the service's own API. Only
 * ever deployed to a local emulator (the kit adds these resources for emulator targets only), where
 * it runs with the emulator's endpoint and dummy credentials. Returns the physical resource id (with
 * the attributes `Fn::GetAtt` reads, for the types that stand for a resource with attributes).
 */
export async function applyCompatibilityResource(
  event: CloudFormationCustomResourceEvent,
  clients: CompatClients,
): Promise<CustomResourceResult> {
  const props = event.ResourceProperties as Properties;
  const old = (event.RequestType === 'Update' ? event.OldResourceProperties : undefined) as
    | Properties
    | undefined;
  const physicalId =
    event.RequestType === 'Create'
      ? `${event.LogicalResourceId}-${event.RequestId}`
      : event.PhysicalResourceId;
  switch (event.ResourceType) {
    case COMPAT_RESOURCE_TYPES.securityGroupRule: {
      const rule = props as unknown as SecurityGroupRuleProperties;
      if (old) await deleteRule(clients.ec2, old as unknown as SecurityGroupRuleProperties);
      if (event.RequestType === 'Delete') await deleteRule(clients.ec2, rule);
      else await createRule(clients.ec2, rule);
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.fifoTopicAttributes: {
      // On delete the topic goes with the stack; there is nothing to undo.
      if (event.RequestType !== 'Delete') {
        await setFifoAttributes(clients.sns, props as unknown as FifoTopicAttributesProperties);
      }
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.targetGroupTargets: {
      const targets = props as unknown as TargetGroupTargetsProperties;
      if (old) await deregisterTargets(clients.elb, old as unknown as TargetGroupTargetsProperties);
      if (event.RequestType === 'Delete') await deregisterTargets(clients.elb, targets);
      else await registerTargets(clients.elb, targets);
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.bucketConfiguration: {
      // On delete the bucket goes with the stack; there is nothing to undo.
      if (event.RequestType !== 'Delete') {
        await applyBucketConfiguration(clients.s3, props as unknown as BucketConfigurationProperties);
      }
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.functionReservedConcurrency: {
      // On delete the function goes with the stack; there is nothing to undo.
      if (event.RequestType !== 'Delete') {
        await putReservedConcurrency(
          clients.lambda,
          props as unknown as FunctionReservedConcurrencyProperties,
        );
      }
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.rotationSchedule: {
      // On delete the secret goes with the stack (and MiniStack has no CancelRotateSecret).
      if (event.RequestType !== 'Delete') {
        await startRotation(clients.secretsManager, props as unknown as RotationScheduleProperties);
      }
      return physicalId;
    }
    case COMPAT_RESOURCE_TYPES.eventArchive: {
      // The archive's name is its physical id, as CloudFormation's own AWS::Events::Archive has it.
      const archive = props as unknown as EventArchiveProperties;
      if (event.RequestType === 'Delete') {
        await deleteArchive(clients.events, event.PhysicalResourceId);
        return event.PhysicalResourceId;
      }
      const renamed = old && (old.ArchiveName !== archive.ArchiveName || old.SourceArn !== archive.SourceArn);
      // A new name or source is a new archive; CloudFormation then deletes the old one by its id.
      const arn =
        event.RequestType === 'Update' && !renamed
          ? await updateArchive(clients.events, archive)
          : await createArchive(clients.events, archive);
      return { physicalId: archive.ArchiveName, data: { Arn: arn } };
    }
    default:
      throw new Error(`unknown compatibility resource type ${event.ResourceType}`);
  }
}

let clients: CompatClients | undefined;

/**
 * CloudFormation custom resource handler. It always answers the response URL, also on failure:
 * an unanswered custom resource blocks the stack until its ServiceTimeout.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  clients ??= {
    ec2: new EC2Client({}),
    sns: new SNSClient({}),
    elb: new ElasticLoadBalancingV2Client({}),
    // Path-style: the emulator's endpoint is a loopback address, not a bucket host name.
    s3: new S3Client({ forcePathStyle: true }),
    lambda: new LambdaClient({}),
    secretsManager: new SecretsManagerClient({}),
    events: new EventBridgeClient({}),
  };
  const steps = clients;
  await answerCustomResource(event, `${event.ResourceType} ${event.RequestType} failed`, () =>
    applyCompatibilityResource(event, steps),
  );
}
