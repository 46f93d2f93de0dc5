import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { Aspects, CfnParameter, type IAspect, Stack } from 'aws-cdk-lib';
import { CfnSecurityGroupEgress, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import type { Target } from '../catalogue';
import { sleep } from '../experiments/helpers';
import { localClientConfig } from './local-endpoint';

/**
 * Compatibility steps: what the kit does on one target only, because that target's emulator lacks
 * a resource type or a behaviour. Each step is named, says why, and never changes the lab for
 * other targets. The lab guides' support matrix lists the steps that apply to each lab.
 */
export interface CompatibilityStep {
  /** Short kebab-case name, printed when the step runs. */
  readonly name: string;
  readonly target: Target;
  /** One sentence: what the emulator lacks and what the step does about it. */
  readonly why: string;
  /** Applied to every lab stack when synthesizing for `target`. */
  readonly aspect?: () => IAspect;
  /** Runs against the emulator before a lab is deployed. */
  readonly beforeDeploy?: (stackName: string) => Promise<string | undefined>;
  /** Runs against the emulator after a lab is deployed. */
  readonly afterDeploy?: (stackName: string) => Promise<string | undefined>;
  /** Runs after a lab is destroyed, with the physical ids of its log groups, before the leftover scan. */
  readonly afterDestroy?: (stackName: string, logGroupNames: string[]) => Promise<string | undefined>;
}

/** Template metadata key where {@link DeferSecurityGroupRules} keeps the rules it took out. */
export const DEFERRED_RULES_METADATA_KEY = 'labkit:deferredSecurityGroupRules';

interface DeferredRule {
  readonly direction: 'ingress' | 'egress';
  readonly properties: Record<string, unknown>;
}

/**
 * MiniStack's CloudFormation has no AWS::EC2::SecurityGroupIngress / SecurityGroupEgress, which CDK
 * emits whenever one group's rule names another group. This aspect takes those resources out of
 * the template and records them in the template's Metadata; the `afterDeploy` half of the step
 * then creates the same rules through the EC2 API, so `describe-security-groups` shows them.
 */
export class DeferSecurityGroupRules implements IAspect {
  visit(node: IConstruct): void {
    const direction =
      node instanceof CfnSecurityGroupIngress
        ? 'ingress'
        : node instanceof CfnSecurityGroupEgress
          ? 'egress'
          : undefined;
    if (!direction || !node.node.scope) return;
    const rule = node as CfnSecurityGroupIngress | CfnSecurityGroupEgress;
    const stack = Stack.of(rule);
    const properties = stack.resolve(
      direction === 'ingress'
        ? {
            GroupId: rule.groupId,
            IpProtocol: rule.ipProtocol,
            FromPort: rule.fromPort,
            ToPort: rule.toPort,
            CidrIp: rule.cidrIp,
            SourceSecurityGroupId: (rule as CfnSecurityGroupIngress).sourceSecurityGroupId,
            Description: rule.description,
          }
        : {
            GroupId: rule.groupId,
            IpProtocol: rule.ipProtocol,
            FromPort: rule.fromPort,
            ToPort: rule.toPort,
            CidrIp: rule.cidrIp,
            DestinationSecurityGroupId: (rule as CfnSecurityGroupEgress).destinationSecurityGroupId,
            Description: rule.description,
          },
    );
    const metadata = stack.templateOptions.metadata ?? {};
    const deferred = (metadata[DEFERRED_RULES_METADATA_KEY] as DeferredRule[] | undefined) ?? [];
    deferred.push({ direction, properties });
    stack.templateOptions.metadata = { ...metadata, [DEFERRED_RULES_METADATA_KEY]: deferred };
    node.node.scope.node.tryRemoveChild(node.node.id);
  }
}

/** Runs `call`, ignoring an error whose name or message matches `expected`. */
async function ignoring(expected: RegExp, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!expected.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
  }
}

/** Resolves `Ref` / `Fn::GetAtt [X, GroupId]` of a deferred rule against the stack's resources. */
export function resolveGroupReference(value: unknown, physicalIds: Map<string, string>): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const ref = (value as { Ref?: string }).Ref;
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    const logicalId = ref ?? getAtt?.[0];
    if (logicalId) return physicalIds.get(logicalId);
  }
  return undefined;
}

/** The EC2 API form of a deferred rule. */
export function toIpPermission(rule: DeferredRule, physicalIds: Map<string, string>): IpPermission {
  const p = rule.properties;
  const peer = resolveGroupReference(
    rule.direction === 'ingress' ? p.SourceSecurityGroupId : p.DestinationSecurityGroupId,
    physicalIds,
  );
  const description = p.Description as string | undefined;
  return {
    IpProtocol: String(p.IpProtocol),
    FromPort: p.FromPort as number | undefined,
    ToPort: p.ToPort as number | undefined,
    ...(peer ? { UserIdGroupPairs: [{ GroupId: peer, Description: description }] } : {}),
    ...(p.CidrIp ? { IpRanges: [{ CidrIp: String(p.CidrIp), Description: description }] } : {}),
  };
}

interface DeployedTemplate {
  readonly template: {
    Metadata?: Record<string, unknown>;
    Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  /** Logical id -> physical id of every resource of the stack. */
  readonly physicalIds: Map<string, string>;
}

/** The template a stack was deployed with, and its resources' physical ids, as the emulator reports them. */
async function deployedTemplate(stackName: string): Promise<DeployedTemplate> {
  const cfn = new CloudFormationClient(localClientConfig());
  const body = (await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody ?? '{}';
  const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  const physicalIds = new Map(
    (resources.StackResources ?? []).map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']),
  );
  return { template: JSON.parse(body), physicalIds };
}

async function applyDeferredSecurityGroupRules(stackName: string): Promise<string | undefined> {
  const { template, physicalIds } = await deployedTemplate(stackName);
  const rules = (template.Metadata?.[DEFERRED_RULES_METADATA_KEY] as DeferredRule[] | undefined) ?? [];
  if (rules.length === 0) return undefined;
  const ec2 = new EC2Client(localClientConfig());
  for (const rule of rules) {
    const groupId = resolveGroupReference(rule.properties.GroupId, physicalIds);
    const permission = toIpPermission(rule, physicalIds);
    if (!groupId) throw new Error(`deferred rule names a group that is not in ${stackName}`);
    const input = { GroupId: groupId, IpPermissions: [permission] };
    await ignoring(/Duplicate/i, async () => {
      // A redeploy of an unchanged lab finds its rules already there.
      if (rule.direction === 'ingress') await ec2.send(new AuthorizeSecurityGroupIngressCommand(input));
      else await ec2.send(new AuthorizeSecurityGroupEgressCommand(input));
    });
    if (rule.direction === 'egress') {
      // CloudFormation's SecurityGroupEgress removes EC2's default allow-all egress rule of the group
      // (aws/aws-cdk#987); EC2's AuthorizeSecurityGroupEgress alone does not.
      await ignoring(/NotFound|does not exist/i, () =>
        ec2.send(
          new RevokeSecurityGroupEgressCommand({
            GroupId: groupId,
            IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          }),
        ),
      );
    }
  }
  return `${rules.length} security group rule(s) created through the EC2 API`;
}

/**
 * MiniStack's CloudFormation creates AWS::SNS::Topic without FifoTopic / ContentBasedDeduplication
 * (the `.fifo` name stays, the behaviour goes); this sets both through the SNS API after the deploy.
 */
async function restoreFifoTopicAttributes(stackName: string): Promise<string | undefined> {
  const { template, physicalIds } = await deployedTemplate(stackName);
  const sns = new SNSClient(localClientConfig());
  let restored = 0;
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const props = resource.Properties ?? {};
    if (resource.Type !== 'AWS::SNS::Topic' || String(props.FifoTopic) !== 'true') continue;
    const TopicArn = physicalIds.get(logicalId);
    await sns.send(
      new SetTopicAttributesCommand({ TopicArn, AttributeName: 'FifoTopic', AttributeValue: 'true' }),
    );
    if (String(props.ContentBasedDeduplication) === 'true') {
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn,
          AttributeName: 'ContentBasedDeduplication',
          AttributeValue: 'true',
        }),
      );
    }
    restored++;
  }
  return restored > 0 ? `${restored} FIFO topic(s) given FifoTopic/ContentBasedDeduplication` : undefined;
}

/**
 * MiniStack's CloudFormation keeps a target group's `Targets` out of the group (lab-01's Lambda
 * target would answer "No registered targets"); this registers them through the ELBv2 API.
 */
async function registerTargetGroupTargets(stackName: string): Promise<string | undefined> {
  const { template, physicalIds } = await deployedTemplate(stackName);
  const resources = template.Resources ?? {};
  const elb = new ElasticLoadBalancingV2Client(localClientConfig());
  const lambda = new LambdaClient(localClientConfig());
  let registered = 0;
  for (const [logicalId, resource] of Object.entries(resources)) {
    const targets = resource.Properties?.Targets as { Id: unknown; Port?: number }[] | undefined;
    if (resource.Type !== 'AWS::ElasticLoadBalancingV2::TargetGroup' || !targets?.length) continue;
    const resolved = [];
    for (const target of targets) {
      const getAtt = (target.Id as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      let id = resolveGroupReference(target.Id, physicalIds);
      if (getAtt && resources[getAtt[0]]?.Type === 'AWS::Lambda::Function') {
        const fn = await lambda.send(new GetFunctionCommand({ FunctionName: physicalIds.get(getAtt[0]) }));
        id = fn.Configuration?.FunctionArn;
      }
      if (!id) throw new Error(`target ${JSON.stringify(target.Id)} of ${logicalId} is not in ${stackName}`);
      resolved.push({ Id: id, Port: target.Port });
    }
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: physicalIds.get(logicalId), Targets: resolved }),
    );
    registered += resolved.length;
  }
  return registered > 0 ? `${registered} target(s) registered through the ELBv2 API` : undefined;
}

const ELB_URL = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.elb\.amazonaws\.com)(\/.*)?$/i;

/**
 * Functions run on the host under MiniStack, where a load balancer's AWS DNS name resolves nowhere;
 * MiniStack serves each load balancer under `/_alb/<name>/` on its own port. This points function
 * environment variables that hold a load balancer URL there.
 */
async function routeLoadBalancerUrlsThroughEmulator(stackName: string): Promise<string | undefined> {
  const { template, physicalIds } = await deployedTemplate(stackName);
  const lambda = new LambdaClient(localClientConfig());
  const elb = new ElasticLoadBalancingV2Client(localClientConfig());
  const balancers = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const changed: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = physicalIds.get(logicalId);
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const variables = { ...(config.Environment?.Variables ?? {}) };
    let rewritten = false;
    for (const [key, value] of Object.entries(variables)) {
      const match = ELB_URL.exec(value);
      const balancer = match && balancers.find((b) => b.DNSName?.toLowerCase() === match[2].toLowerCase());
      if (!match || !balancer) continue;
      variables[key] = `${localClientConfig().endpoint}/_alb/${balancer.LoadBalancerName}${match[3] ?? '/'}`;
      rewritten = true;
      changed.push(`${key} of ${name}`);
    }
    if (rewritten) {
      await lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: variables } }),
      );
    }
  }
  return changed.length > 0
    ? `${changed.join(', ')} now reach the load balancer through MiniStack`
    : undefined;
}

/**
 * MiniStack writes a Lambda invocation's logs without applying IAM, so an invocation still running
 * when the stack is deleted (a stream poller's last batch) creates the function's log group again.
 * On AWS the function's role may not create log groups. This deletes such a group once more.
 */
async function deleteRecreatedLogGroups(
  _stackName: string,
  logGroupNames: string[],
): Promise<string | undefined> {
  if (logGroupNames.length === 0) return undefined;
  await sleep(2000); // let in-flight invocations finish writing
  const logs = new CloudWatchLogsClient(localClientConfig());
  const recreated: string[] = [];
  for (const name of logGroupNames) {
    const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    if (!(found.logGroups ?? []).some((g) => g.logGroupName === name)) continue;
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    recreated.push(name);
  }
  return recreated.length > 0
    ? `deleted ${recreated.join(', ')} again (recreated by a late invocation)`
    : undefined;
}

/** The public SSM parameter lab-03's launch template reads its AMI from. */
export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64';
/** The Amazon Linux 2023 parameter MiniStack does serve (reserved names cannot be created there). */
export const MINISTACK_AL2023_AMI_PARAMETER =
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/**
 * Points template parameters that read {@link AL2023_AMI_PARAMETER} at
 * {@link MINISTACK_AL2023_AMI_PARAMETER}: same image family, a name MiniStack serves.
 */
export class UseServedAmiParameter implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnParameter && node.default === AL2023_AMI_PARAMETER) {
      node.default = MINISTACK_AL2023_AMI_PARAMETER;
    }
  }
}

/** Every compatibility step the kit knows, for every target. */
export const COMPATIBILITY_STEPS: readonly CompatibilityStep[] = [
  {
    name: 'defer-security-group-rules',
    target: 'ministack',
    why:
      'MiniStack CloudFormation lacks AWS::EC2::SecurityGroupIngress/Egress; the kit takes those rules out of ' +
      'the template and creates them through the EC2 API right after the deploy.',
    aspect: () => new DeferSecurityGroupRules(),
    afterDeploy: applyDeferredSecurityGroupRules,
  },
  {
    name: 'fifo-topic-attributes',
    target: 'ministack',
    why:
      'MiniStack CloudFormation drops FifoTopic and ContentBasedDeduplication from AWS::SNS::Topic (the topic ' +
      'would not deduplicate); the kit sets both through SetTopicAttributes right after the deploy.',
    afterDeploy: restoreFifoTopicAttributes,
  },
  {
    name: 'register-target-group-targets',
    target: 'ministack',
    why:
      "MiniStack CloudFormation does not register a target group's Targets (a Lambda target behind an ALB " +
      'answers "no registered targets"); the kit registers them through the ELBv2 API right after the deploy.',
    afterDeploy: registerTargetGroupTargets,
  },
  {
    name: 'route-load-balancer-urls',
    target: 'ministack',
    why:
      "Functions run on the host under MiniStack, where a load balancer's AWS DNS name does not resolve; the kit " +
      "points function environment variables holding such a URL at MiniStack's /_alb/<name>/ route to the same " +
      'load balancer.',
    afterDeploy: routeLoadBalancerUrlsThroughEmulator,
  },
  {
    name: 'late-log-groups',
    target: 'ministack',
    why:
      'MiniStack writes Lambda logs without applying IAM, so an invocation still running while a lab is ' +
      'destroyed recreates its log group; the kit deletes such a group again after the destroy, before the leftover scan.',
    afterDestroy: deleteRecreatedLogGroups,
  },
  {
    name: 'served-al2023-ami-parameter',
    target: 'ministack',
    why:
      `MiniStack does not serve the public SSM parameter ${AL2023_AMI_PARAMETER} and refuses to create ` +
      `names under /aws/; on MiniStack the launch template reads ${MINISTACK_AL2023_AMI_PARAMETER} instead.`,
    aspect: () => new UseServedAmiParameter(),
  },
];

export function compatibilityStepsFor(target: Target): CompatibilityStep[] {
  return COMPATIBILITY_STEPS.filter((step) => step.target === target);
}

/** Adds the synth-time half of every compatibility step for `target` to a stack. */
export function applyCompatibilityAspects(stack: Stack, target: Target): void {
  for (const step of compatibilityStepsFor(target)) {
    if (step.aspect) Aspects.of(stack).add(step.aspect());
  }
}
