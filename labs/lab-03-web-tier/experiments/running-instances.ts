/** On real instances: HTTP 200 through the ALB, IMDSv1 refused, an unhealthy instance replaced, answers from two AZs. */

import { AutoScalingClient, SetInstanceHealthCommand } from '@aws-sdk/client-auto-scaling';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  type Outcome,
  outputOf,
  pass,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { groupOf, healthyTargets, inServiceInstances } from './aws-lookups';
import {
  INSTANCES_READY_DEADLINE_MS,
  MAX_SPREAD_REQUESTS,
  MIN_INSTANCES,
  NO_ELB_ON_LOCALSTACK,
  RECORDS_ONLY_ON_MINISTACK,
} from './guide-facts';
import { getPage, pageIdentity } from './web-page';

export const http200ThroughAlb: Experiment<Output> = {
  name: 'Serve HTTP 200 through the ALB',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const url = outputOf(context, 'Url');
    const started = Date.now();
    let attempts = 0;
    let last = 'no answer yet';
    // 502/503 and DNS errors are expected while instances boot and pass their first health checks.
    const page = await pollUntil(INSTANCES_READY_DEADLINE_MS, 5_000, async () => {
      attempts += 1;
      const answer = await getPage(url);
      last = 'error' in answer ? answer.error : `HTTP ${answer.status}`;
      context.progress(`GET ${url}: ${last} (attempt ${attempts})`);
      return 'status' in answer && answer.status === 200 ? answer : undefined;
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (!page)
      return fail(
        `${attempts} attempt(s) over ${seconds} s, last: ${last}`,
        `HTTP 200 from ${url}`,
        'no-http-200',
      );
    const identity = pageIdentity(page.body);
    return expectThat(
      identity !== undefined,
      `HTTP 200 after ${seconds} s (${attempts} attempt(s)); page names ` +
        `${identity ? `${identity.instance} in ${identity.az}` : `nothing: ${page.body.slice(0, 120)}`}`,
      'HTTP 200 with a page naming the instance and its AZ',
      'page-without-identity',
    );
  },
};

export const imdsv1Refused: Experiment<Output> = {
  name: 'Refuse IMDSv1 on the instances',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'behaviour',
  measures: ['imdsv1Status'],
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    // At boot each instance asked IMDS once without a token and wrote the answer into its page.
    const url = outputOf(context, 'Url');
    const page = await pollUntil(INSTANCES_READY_DEADLINE_MS, 5_000, async () => {
      const answer = await getPage(url);
      return 'status' in answer && answer.status === 200 ? answer : undefined;
    });
    if (!page) return fail(`no HTTP 200 from ${url}`, 'a page written by the user data', 'no-http-200');
    const status = /IMDSv1 request without a token: HTTP (\d{3})/.exec(page.body)?.[1];
    const identity = pageIdentity(page.body);
    return withMeasurements(
      expectThat(
        status === '401',
        `${identity?.instance ?? 'an instance'}: IMDSv1 request without a token answered HTTP ${status ?? '(not on the page)'}`,
        'HTTP 401: with HttpTokens required, IMDS refuses requests without a session token',
        `imdsv1:${status ?? 'none'}`,
      ),
      { imdsv1Status: status ?? 'none' },
    );
  },
};

export const unhealthyInstanceReplaced: Experiment<Output> = {
  name: 'Replace an instance marked unhealthy',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    // The load balancer's verdict cannot be forced from outside the instances (they take no SSH or
    // SSM here), so the experiment gives the group the same verdict through SetInstanceHealth.
    const before = await inServiceInstances(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    const victim = before[0];
    if (!victim)
      return fail('no InService instance to mark', `at least ${MIN_INSTANCES} InService`, 'instances:0');
    await clientOf(AutoScalingClient, context).send(
      new SetInstanceHealthCommand({
        InstanceId: victim.id,
        HealthStatus: 'Unhealthy',
        ShouldRespectGracePeriod: false,
      }),
    );
    const started = Date.now();
    const replaced = await pollUntil(INSTANCES_READY_DEADLINE_MS, 15_000, async () => {
      const group = await groupOf(context);
      const inService = (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');
      const ids = inService.map((i) => i.InstanceId ?? '');
      context.progress(`InService: ${ids.join(', ') || 'none'} (${victim.id} marked unhealthy)`);
      return !ids.includes(victim.id) && ids.length >= MIN_INSTANCES ? ids : undefined;
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    return expectThat(
      replaced !== undefined,
      replaced
        ? `${victim.id} marked Unhealthy; ${seconds} s later the group runs ${replaced.join(', ')} without it`
        : `${victim.id} marked Unhealthy; still not replaced after ${seconds} s`,
      `${victim.id} terminated and replaced, the group back at ${MIN_INSTANCES} InService`,
      'not-replaced',
    );
  },
};

export const answersFromTwoAzs: Experiment<Output> = {
  name: 'Answer from instances in two AZs',
  fact: 'Two instances minimum, in two AZs, for high availability.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context): Promise<Outcome> {
    const url = outputOf(context, 'Url');
    // Until both targets are healthy the ALB sends everything to one; wait for two first.
    const { healthy, states } = await healthyTargets(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    if (healthy.length < MIN_INSTANCES) {
      return fail(
        `targets: ${states.join(', ') || 'none'}`,
        `at least ${MIN_INSTANCES} healthy targets`,
        `healthy-targets:${healthy.length}`,
      );
    }
    const seen = new Map<string, Set<string>>();
    const statuses = new Map<string, number>();
    let sent = 0;
    while (sent < MAX_SPREAD_REQUESTS && seen.size < 2) {
      sent += 1;
      const answer = await getPage(url);
      const key = 'error' in answer ? 'error' : String(answer.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const identity = 'status' in answer && answer.status === 200 ? pageIdentity(answer.body) : undefined;
      if (identity) seen.set(identity.az, (seen.get(identity.az) ?? new Set()).add(identity.instance));
      context.progress(`${sent} request(s), AZs so far: ${[...seen.keys()].join(', ') || 'none'}`);
    }
    const spread = [...seen].map(([az, ids]) => `${az}: ${[...ids].join(', ')}`).join('; ');
    const codes = [...statuses].map(([code, n]) => `${n}x ${code}`).join(', ');
    const result = `${sent} request(s) (${codes}); answered from ${seen.size} AZ(s): ${spread || 'none'}`;
    return seen.size >= 2 ? pass(result) : fail(result, 'answers from instances in at least 2 AZs', 'one-az');
  },
};
