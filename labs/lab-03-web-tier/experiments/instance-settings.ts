/** How the instances are checked, reached and booted: health check, security group, launch template. */

import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, fail, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { describeRule, launchTemplateDataOf, loadBalancerOf, rulesOf, webTargetGroupOf } from './aws-lookups';
import { HEALTH_CHECK, NO_ELB_ON_LOCALSTACK, WEB_PORT } from './guide-facts';

export const httpHealthCheck: Experiment<Output> = {
  name: 'Health-check the targets with HTTP GET /',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const { tg } = await webTargetGroupOf(context);
    const observed =
      `${tg.HealthCheckProtocol} ${tg.HealthCheckPath} on port ${tg.HealthCheckPort}, ` +
      `every ${tg.HealthCheckIntervalSeconds} s, timeout ${tg.HealthCheckTimeoutSeconds} s, ` +
      `healthy after ${tg.HealthyThresholdCount}, unhealthy after ${tg.UnhealthyThresholdCount}, ` +
      `codes ${tg.Matcher?.HttpCode}, enabled ${tg.HealthCheckEnabled}`;
    return expectThat(
      tg.HealthCheckEnabled !== false &&
        tg.HealthCheckProtocol === HEALTH_CHECK.protocol &&
        tg.HealthCheckPath === HEALTH_CHECK.path &&
        tg.HealthCheckPort === HEALTH_CHECK.port &&
        tg.HealthCheckIntervalSeconds === HEALTH_CHECK.interval &&
        tg.HealthCheckTimeoutSeconds === HEALTH_CHECK.timeout &&
        tg.HealthyThresholdCount === HEALTH_CHECK.thresholds &&
        tg.UnhealthyThresholdCount === HEALTH_CHECK.thresholds &&
        tg.Matcher?.HttpCode === '200',
      observed,
      `${HEALTH_CHECK.protocol} ${HEALTH_CHECK.path} on ${HEALTH_CHECK.port}, every ${HEALTH_CHECK.interval} s, ` +
        `timeout ${HEALTH_CHECK.timeout} s, thresholds ${HEALTH_CHECK.thresholds}/${HEALTH_CHECK.thresholds}, code 200`,
      tg.HealthCheckPath !== HEALTH_CHECK.path || tg.Matcher?.HttpCode !== '200'
        ? 'health-check-request'
        : 'health-check-timing',
    );
  },
};

export const httpOnlyFromAlb: Experiment<Output> = {
  name: "Admit HTTP to the instances only from the ALB's group",
  fact: "Instances admit HTTP only from the ALB's security group (a group reference, not a CIDR).",
  proof: 'configuration',
  measures: ['instanceIngressRules'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const albGroups = lb.SecurityGroups ?? [];
    // The instances' group is the one their launch template gives them.
    const { data } = await launchTemplateDataOf(context);
    const instanceGroups = [
      ...(data.SecurityGroupIds ?? []),
      ...(data.NetworkInterfaces ?? []).flatMap((n) => n.Groups ?? []),
    ];
    if (instanceGroups.length !== 1 || albGroups.length !== 1) {
      return fail(
        `launch template groups: ${instanceGroups.join(', ') || 'none'}; ALB groups: ${albGroups.join(', ') || 'none'}`,
        'one security group on the instances and one on the ALB',
        'security-group-count',
      );
    }
    const [instanceGroup] = instanceGroups;
    const [albGroup] = albGroups;
    const ingress = (await rulesOf(context, instanceGroup)).filter((r) => !r.IsEgress);
    const byAddress = ingress.filter((r) => r.CidrIpv4 || r.CidrIpv6 || r.PrefixListId);
    const fromAlb = ingress.filter(
      (r) =>
        r.ReferencedGroupInfo?.GroupId === albGroup &&
        r.IpProtocol === 'tcp' &&
        r.FromPort === WEB_PORT &&
        r.ToPort === WEB_PORT,
    );
    return withMeasurements(
      expectThat(
        ingress.length === 1 && fromAlb.length === 1 && byAddress.length === 0,
        `instance group ${instanceGroup}: ${ingress.length} ingress rule(s) [${ingress.map(describeRule).join('; ')}], ` +
          `${byAddress.length} by address; ALB group ${albGroup}`,
        `exactly one ingress rule, tcp:${WEB_PORT}-${WEB_PORT} from ${albGroup}, and no CIDR or prefix list`,
        byAddress.length > 0 ? 'admits-addresses' : 'not-from-alb-group',
      ),
      { instanceIngressRules: ingress.length },
    );
  },
};

export const al2023WithImdsv2: Experiment<Output> = {
  name: 'Boot Amazon Linux 2023 with IMDSv2 required',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const { id, version, data } = await launchTemplateDataOf(context);
    const images = data.ImageId
      ? ((await clientOf(EC2Client, context).send(new DescribeImagesCommand({ ImageIds: [data.ImageId] })))
          .Images ?? [])
      : [];
    const image = images[0];
    const userData = Buffer.from(data.UserData ?? '', 'base64').toString('utf8');
    // The page's instance id and AZ come from IMDS, which answers only with a session token.
    const usesToken = userData.includes('/api/token') && userData.includes('X-aws-ec2-metadata-token:');
    const amazonOwned = image?.ImageOwnerAlias === 'amazon' || image?.OwnerId === '137112412989';
    const observed =
      `${id} v${version}: HttpTokens ${data.MetadataOptions?.HttpTokens ?? 'unset'}, image ${data.ImageId} ` +
      `named ${image?.Name ?? 'unknown'} (owner ${image?.ImageOwnerAlias ?? image?.OwnerId ?? 'unknown'}), ` +
      `user data ${userData.length} bytes, fetches an IMDSv2 token: ${usesToken}`;
    return expectThat(
      data.MetadataOptions?.HttpTokens === 'required' &&
        (image?.Name ?? '').startsWith('al2023-ami-') &&
        amazonOwned &&
        usesToken,
      observed,
      'HttpTokens required, an Amazon-owned al2023-ami-* image, user data that fetches an IMDSv2 token',
      data.MetadataOptions?.HttpTokens !== 'required'
        ? 'imdsv1-allowed'
        : !usesToken
          ? 'no-token-in-user-data'
          : 'image',
    );
  },
};
