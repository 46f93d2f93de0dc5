import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-01`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'inbox-records',
    question: 'One SES notification is published to the mail topic. How many inbox records does it create?',
    experiment: 'delivery',
    measure: 'inboxRecords',
    answer: { kind: 'number' },
    fact: 'SNS invokes the subscribed forwarder once per publish; the forwarder posts once to the internal service.',
  },
  {
    id: 'service-down',
    question:
      'The internal service has no healthy target. What does a direct (synchronous) invoke of the forwarder return? (function error / success)',
    experiment: 'syncFailure',
    measure: 'invokeResult',
    answer: { kind: 'choice', choices: ['function error', 'success'] },
    fact: 'The forwarder throws on a non-2xx answer or a timeout, so the invocation reports a FunctionError.',
  },
  {
    id: 'async-attempts',
    question:
      'An asynchronous invocation keeps failing. How many times does Lambda run it before the on-failure destination gets it?',
    experiment: 'asyncFailure',
    measure: 'attempts',
    answer: { kind: 'number' },
    fact: 'Lambda retries an async event twice by default (0-2 can be set): three attempts in all.',
  },
  {
    id: 'outside-reach',
    question: 'Can this machine (outside the VPC) get an answer from the internal service URL? (yes/no)',
    experiment: 'isolation',
    measure: 'reachableFromOutside',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'An internal load balancer has private addresses only; nothing outside the VPC connects to it.',
  },
];
