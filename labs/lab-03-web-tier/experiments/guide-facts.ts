/** The guide's facts the experiments check, their deadlines, and the target gaps several experiments share. */

// The lab's documented facts (labs/lab-03-web-tier/stack.ts), stated here on purpose: the experiments
// check the deployed resources against the guide, not against whatever the template says.
export const WEB_PORT = 80;
export const MIN_INSTANCES = 2;
export const MAX_INSTANCES = 4;
export const DESIRED_INSTANCES = 2;
export const INSTANCE_WARMUP_SECONDS = 120;
export const TARGET_CPU_PERCENT = 50;
export const HEALTH_CHECK_GRACE_SECONDS = 120;
export const HEALTH_CHECK = {
  path: '/',
  port: 'traffic-port',
  protocol: 'HTTP',
  interval: 15,
  timeout: 5,
  thresholds: 2,
} as const;

/** How long real instances may take to boot, run user data and pass two health checks. */
export const INSTANCES_READY_DEADLINE_MS = 8 * 60_000;
/** Requests sent to see both AZs answer; the ALB alternates targets, so a handful usually suffices. */
export const MAX_SPREAD_REQUESTS = 40;

export const NO_ELB_ON_LOCALSTACK = 'The free LocalStack image has no ELBv2 and no Auto Scaling.';
export const RECORDS_ONLY_ON_MINISTACK =
  "MiniStack's Auto Scaling instances are records only (its CloudFormation provisioner creates the group " +
  'with no instances at all), so no instance boots and no HTTP server runs.';
