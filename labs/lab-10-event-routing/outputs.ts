/** The content-routing rules, each with its own queue: outputs `<route>QueueUrl` and `<route>RuleArn`. */
export const ROUTES = [
  'EuOrders',
  'MidSizeOrders',
  'CouponOrders',
  'LiveOrders',
  'BigOrderAlerts',
  'ReplayedOrders',
] as const;
export type RouteName = (typeof ROUTES)[number];

/** lab-10's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'OrdersBusName',
  'OrdersBusArn',
  'ArchiveName',
  'ArchiveArn',
  'RefundsRuleArn',
  'RefundAuditQueueUrl',
  'RefundAuditQueueArn',
  'RefundTargetDeadLetterQueueUrl',
  'TicksQueueUrl',
  'TickRuleName',
  'ScheduleName',
  'ScheduleGroupName',
  ...ROUTES.flatMap((route) => [`${route}QueueUrl`, `${route}RuleArn`] as const),
] as const;

/** The name of one of lab-10's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
