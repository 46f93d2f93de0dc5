import { asList, DELETED_WITH_STACK, gone, referencedId } from './support';
import { type ClientConfig, defineService, type LeftoverRule } from './types';

const eventBridge = async (config: ClientConfig) => {
  const client = await import('@aws-sdk/client-eventbridge');
  return { client, events: new client.EventBridgeClient(config) };
};

/**
 * How the scan finds an archive: by name (its physical id). Shared with the MiniStack compatibility
 * step's custom resource that stands for one (lib/resources/custom.ts), which creates a real archive.
 */
export const ARCHIVE_LEFTOVERS: LeftoverRule = {
  exists: async (name, config) => {
    const { client, events } = await eventBridge(config);
    return !(await gone(() => events.send(new client.DescribeArchiveCommand({ ArchiveName: name }))));
  },
  findByNameOrTag: async (_stackName, config, namedForLab) => {
    const { client, events } = await eventBridge(config);
    const listed = await events.send(new client.ListArchivesCommand({}));
    return (listed.Archives ?? [])
      .map((a) => a.ArchiveName ?? '')
      .filter((name) => name && namedForLab(name));
  },
};

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
      leftovers: {
        exists: async (name, config) => {
          const { client, events } = await eventBridge(config);
          return !(await gone(() => events.send(new client.DescribeEventBusCommand({ Name: name }))));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { client, events } = await eventBridge(config);
          const listed = await events.send(new client.ListEventBusesCommand({}));
          return (listed.EventBuses ?? [])
            .map((b) => b.Name ?? '')
            .filter((name) => name && namedForLab(name));
        },
      },
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
          const { client, events } = await eventBridge(config);
          return !(await gone(() =>
            events.send(new client.DescribeRuleCommand({ Name: name, EventBusName: bus })),
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
