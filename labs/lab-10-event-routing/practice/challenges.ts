import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const ROUTE = 'rulesRouteByContent';

/** An AWS CLI call that gives a rule of the orders bus its pattern back; `$<Output>` is a stack output. */
const putPattern = (ruleArnOutput: string, pattern: unknown) =>
  `aws events put-rule --event-bus-name "$OrdersBusName" --name "$(basename "$${ruleArnOutput}")" --event-pattern '${JSON.stringify(pattern)}'`;

/** lab-10's break-fix exercises: each changes one event pattern of stack.ts. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'quiet-eu-warehouse',
    scenario: 'Content filtering: prefix matching is case-sensitive',
    symptom:
      'The EU warehouse says it has received almost no orders since the last release, while the shop keeps ' +
      'selling in Ireland and Germany. Every other team receives its orders as before.',
    break: [
      { find: "export const EU_REGION_PREFIX = 'eu-';", replace: "export const EU_REGION_PREFIX = 'EU-';" },
    ],
    checks: [ROUTE],
    hints: [
      'Only the EU queue went quiet, and a few orders still arrive there: what do those few have in common?',
      "Compare the EU rule's event pattern (aws events describe-rule) with the regions the shop puts in detail.region.",
      'A prefix filter compares characters exactly: "EU-" does not match "eu-west-1". Use the case the events use, or nest equals-ignore-case.',
    ],
    fix: {
      cli: putPattern('EuOrdersRuleArn', { source: ['lab10.shop'], detail: { region: [{ prefix: 'eu-' }] } }),
      stack: "Set EU_REGION_PREFIX back to 'eu-', then npx labs deploy lab-10.",
    },
  },
  {
    name: 'replays-every-day',
    scenario: 'Telling replayed events from live ones: the replay-name field',
    symptom:
      'The team that audits replays reports that its queue fills with ordinary orders all day, although nobody ' +
      'has started a replay since last week.',
    break: [
      {
        find:
          '      // biome-ignore lint/suspicious/noExplicitAny: EventPattern has no field for replay-name; the key is valid in a pattern\n' +
          "      ...({ 'replay-name': events.Match.exists() } as any),\n",
        replace: '',
      },
    ],
    checks: [ROUTE, 'archiveAndReplay'],
    hints: [
      'The replay queue gets live traffic: what should its rule require of an event that live events never have?',
      "Read the replay rule's event pattern (aws events describe-rule) and compare it with a replayed event (aws events test-event-pattern).",
      'EventBridge adds replay-name to every replayed event and to no live one; a rule with "replay-name": [{"exists": true}] sees only replays, [{"exists": false}] only live traffic.',
    ],
    fix: {
      cli: putPattern('ReplayedOrdersRuleArn', { source: ['lab10.shop'], 'replay-name': [{ exists: true }] }),
      stack:
        "Give the ReplayedOrders rule's pattern its 'replay-name': events.Match.exists() field back, then npx labs deploy lab-10.",
    },
  },
  {
    name: 'reviewed-twice',
    scenario: 'Numeric range filters: boundaries of >= and <',
    symptom:
      'Orders of exactly 1000 are now handled twice: the mid-size team and the big-order review both pick them ' +
      'up. Orders of 999 or 1001 are handled once, as before.',
    break: [
      {
        find: 'events.Match.lessThan(MID_SIZE_RANGE.below),',
        replace: 'events.Match.lessThanOrEqual(MID_SIZE_RANGE.below),',
      },
    ],
    checks: [ROUTE],
    hints: [
      'Only one amount is affected, and it sits where two teams meet: which rule admits it and should not?',
      "Read the mid-size rule's numeric filter (aws events describe-rule) next to the big-order rule's.",
      'A numeric filter is a range of operators: [">=", 100, "<", 1000] stops before 1000, where the big-order rule ([">=", 1000]) starts; "<=" makes the ranges overlap.',
    ],
    fix: {
      cli: putPattern('MidSizeOrdersRuleArn', {
        source: ['lab10.shop'],
        'detail-type': ['Order Placed'],
        detail: { amount: [{ numeric: ['>=', 100, '<', 1000] }] },
      }),
      stack:
        'Use events.Match.lessThan(MID_SIZE_RANGE.below) again in the mid-size rule, then npx labs deploy lab-10.',
    },
  },
];
