import { asList, DELETED_WITH_STACK, gone, referencedId } from './support';
import { type ClientConfig, defineService, type LeftoverRule } from './types';

type EventBridgeModule = typeof import('@aws-sdk/client-eventbridge');
type EventBridge = InstanceType<EventBridgeModule['EventBridgeClient']>;

/**
 * Leftovers of an EventBridge resource found by name (its physical id): `describe` fails with
 * ResourceNotFound once it is gone; `list` gives the names that exist, for the scan by name.
 */
function byName(
  describe: (sdk: EventBridgeModule, events: EventBridge, name: string) => Promise<unknown>,
  list: (sdk: EventBridgeModule, events: EventBridge) => Promise<(string | undefined)[]>,
): LeftoverRule {
  const connect = async (config: ClientConfig) => {
    const sdk = await import('@aws-sdk/client-eventbridge');
    return { sdk, events: new sdk.EventBridgeClient(config) };
  };
  return {
    exists: async (name, config) => {
      const { sdk, events } = await connect(config);
      return !(await gone(() => describe(sdk, events, name)));
    },
    findByNameOrTag: async (_stackName, config, namedForLab) => {
      const { sdk, events } = await connect(config);
      return (await list(sdk, events)).filter((name): name is string => !!name && namedForLab(name));
    },
  };
}

/**
 * How the scan finds an archive. Shared with the MiniStack compatibility step's custom resource that
 * stands for one (lib/resources/custom.ts), which creates a real archive.
 */
export const ARCHIVE_LEFTOVERS = byName(
  (sdk, events, name) => events.send(new sdk.DescribeArchiveCommand({ ArchiveName: name })),
  async (sdk, events) =>
    ((await events.send(new sdk.ListArchivesCommand({}))).Archives ?? []).map((a) => a.ArchiveName),
);

/** The targets of a rule, as edges from the rule (the input transformer, when there is one, named). */
function ruleTargetEdges(id: string, props: Record<string, unknown>) {
  const matching = props.ScheduleExpression ? 'on schedule' : 'matching events';
  return asList(props.Targets).flatMap((target) => {
    const t = target as { Arn?: unknown; InputTransformer?: unknown; DeadLetterConfig?: { Arn?: unknown } };
    const to = referencedId(t.Arn);
    const dlq = referencedId(t.DeadLetterConfig?.Arn);
    return [
      ...(to ? [{ from: id, to, label: t.InputTransformer ? 'transformed input' : matching }] : []),
      ...(dlq ? [{ from: id, to: dlq, label: 'undeliverable events', dotted: true }] : []),
    ];
  });
}

/** Amazon EventBridge: event buses, rules (with their targets) and archives. */
export const events = defineService({
  prefix: 'AWS::Events',
  types: {
    'AWS::Events::EventBus': {
      price: {
        usage:
          'EventBridge: custom events $1.00 per million (64 KB chunks); AWS service events to the default bus free',
      },
      diagram: { node: { label: 'EventBridge event bus', group: 'Events' } },
      leftovers: byName(
        (sdk, events, name) => events.send(new sdk.DescribeEventBusCommand({ Name: name })),
        async (sdk, events) =>
          ((await events.send(new sdk.ListEventBusesCommand({}))).EventBuses ?? []).map((b) => b.Name),
      ),
    },
    'AWS::Events::Rule': {
      price: {
        free: 'rules cost nothing; the events they match are priced on the bus, scheduled rules are free',
      },
      diagram: {
        node: { label: 'EventBridge rule', group: 'Events' },
        edges: (id, props) => {
          const bus = referencedId(props.EventBusName);
          return [...(bus ? [{ from: bus, to: id, label: 'events' }] : []), ...ruleTargetEdges(id, props)];
        },
      },
      leftovers: {
        // The physical id is `<bus>|<rule>` on a custom bus, the rule's name on the default bus.
        exists: async (physicalId, config) => {
          const [bus, name] = physicalId.includes('|') ? physicalId.split('|') : [undefined, physicalId];
          const { DescribeRuleCommand, EventBridgeClient } = await import('@aws-sdk/client-eventbridge');
          return !(await gone(() =>
            new EventBridgeClient(config).send(new DescribeRuleCommand({ Name: name, EventBusName: bus })),
          ));
        },
      },
    },
    'AWS::Events::Archive': {
      price: {
        usage:
          'EventBridge archive: $0.10 per GB archived, $0.023 per GB-month stored; replayed events $1.00 per million',
      },
      diagram: {
        node: { label: 'EventBridge archive', group: 'Events' },
        edges: (id, props) => {
          const bus = referencedId(props.SourceArn);
          return bus
            ? [{ from: bus, to: id, label: 'archived events (replayed to the bus)', dotted: true }]
            : [];
        },
      },
      leftovers: ARCHIVE_LEFTOVERS,
    },
    'AWS::Events::EventBusPolicy': {
      price: { free: 'a policy on a bus' },
      diagram: { hidden: 'who may put events on the bus; not a node of its own' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
