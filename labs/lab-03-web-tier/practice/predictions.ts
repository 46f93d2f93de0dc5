import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-03`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'alb-azs',
    question: 'In how many Availability Zones does the internet-facing ALB have subnets?',
    experiment: 'albSpansTwoAzs',
    measure: 'albAzs',
    answer: { kind: 'number' },
    fact: 'An ALB needs subnets in at least two AZs; this one has one public subnet in each of two.',
  },
  {
    id: 'min-instances',
    question: 'What is the smallest number of instances the Auto Scaling group keeps?',
    experiment: 'groupKeepsTwoToFour',
    measure: 'minInstances',
    answer: { kind: 'number' },
    fact: 'High availability needs at least two instances, in two AZs.',
  },
  {
    id: 'ingress-rules',
    question: "How many inbound rules does the instances' security group have?",
    experiment: 'httpOnlyFromAlb',
    measure: 'instanceIngressRules',
    answer: { kind: 'number' },
    fact: "One rule: TCP 80 from the ALB's security group. A group reference admits only the ALB, wherever its nodes are.",
  },
  {
    id: 'policy-cooldown',
    question: 'What cooldown does the CPU target tracking policy have? (none / 300)',
    experiment: 'cpuTargetTracking',
    measure: 'policyCooldown',
    answer: { kind: 'choice', choices: ['none', '300'] },
    fact: "The policy has none: target tracking scales out without waiting for the group's 300 s cooldown (its scale-in can still wait for it) and uses instance warmup.",
  },
  {
    id: 'imdsv1-status',
    question:
      'An instance asks its metadata service for its instance id without an IMDSv2 token. Which HTTP status does it get?',
    experiment: 'imdsv1Refused',
    measure: 'imdsv1Status',
    answer: { kind: 'number' },
    fact: 'With HttpTokens required, IMDS refuses requests without a session token: 401.',
  },
];
