import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-05`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'usable-in-slash-28',
    question:
      'The public subnets are /28 (16 addresses). How many addresses can your resources use in one of them?',
    experiment: 'fiveReservedAddresses',
    measure: 'usableInSlash28',
    answer: { kind: 'number' },
    fact: 'AWS keeps five addresses of every subnet (network, router, DNS, future use, broadcast): 16 - 5 = 11.',
  },
  {
    id: 'isolated-default-route',
    question: 'Where does the route table of an isolated subnet send 0.0.0.0/0? (igw / nat / none)',
    experiment: 'defaultRoutePerTier',
    measure: 'isolatedDefaultRoute',
    answer: { kind: 'choice', choices: ['igw', 'nat', 'none'] },
    fact: 'An isolated subnet has no default route at all: only the local VPC route and the gateway endpoints’ prefix lists.',
  },
  {
    id: 'isolated-reaches-s3',
    question:
      'A function in an isolated subnet (no internet gateway, no NAT gateway) calls S3 over HTTPS. Does it get an answer? (yes/no)',
    experiment: 'reachFromEachTier',
    measure: 'isolatedReachesS3',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: "The S3 gateway endpoint adds a route to S3's prefix list in the isolated route tables: S3 is reachable with no internet route.",
  },
  {
    id: 'public-reaches-internet',
    question:
      'A function attached to a public subnet (its route table sends 0.0.0.0/0 to the internet gateway) calls a public website. Does it get an answer? (yes/no)',
    experiment: 'reachFromEachTier',
    measure: 'publicReachesInternet',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'Lambda gives a function’s network interface no public IP address, so the internet gateway has nothing to translate: no answer.',
  },
  {
    id: 'isolated-plain-http',
    question:
      'The data tier ACL has out 90 deny tcp/80 and out 100 allow all TCP. A function there sends plain HTTP to S3. (answered / no answer)',
    experiment: 'dataTierAclDropsHttp',
    measure: 'isolatedPlainHttp',
    answer: { kind: 'choice', choices: ['answered', 'no answer'] },
    fact: 'Rules are evaluated lowest number first and the first match decides: rule 90 drops the packets before rule 100 is looked at.',
  },
];
