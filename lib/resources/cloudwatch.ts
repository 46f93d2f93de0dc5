import { asList, DELETED_WITH_STACK, referencedId, shortName } from './support';
import { defineService } from './types';

/** The aggregated alarm nodes: one per topic the alarms notify. */
const ALARMS = 'alarms_';

/** Amazon CloudWatch: alarms (drawn as one node per topic they notify, with their count). */
export const cloudwatch = defineService({
  prefix: 'AWS::CloudWatch',
  types: {
    'AWS::CloudWatch::Alarm': {
      price: {
        hourly: ({ id, add }) => add(`CloudWatch alarm ${shortName(id)}`, 1, 'cloudwatch:alarm-month'),
      },
      diagram: {
        aggregate: {
          prefix: ALARMS,
          label: (n) => `${n} CloudWatch alarm${n > 1 ? 's' : ''}`,
          group: 'Messaging',
        },
        edges: (_id, props, { drawn }) =>
          asList(props.AlarmActions)
            .map(referencedId)
            .filter((topic): topic is string => Boolean(topic && drawn.has(topic)))
            .map((topic) => ({ from: `${ALARMS}${topic}`, to: topic, label: 'ALARM' })),
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
