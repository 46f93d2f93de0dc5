import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-01 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A Lambda function must call an internal Application Load Balancer in private subnets of a VPC. What does the function need?',
    choices: [
      'An execution role with elasticloadbalancing:* permissions',
      'To be attached to subnets of that VPC with a security group the load balancer admits',
      'A public IP address on the load balancer',
      'A NAT gateway in the VPC',
    ],
    answer: [1],
    explanation:
      "A function runs in an AWS-owned network unless it is attached to your subnets; only then can it reach private addresses. The load balancer's security group must admit the function's group. IAM does not govern network reachability.",
    shownBy: { experiment: 'vpcAttachment' },
    domain: 'secure',
  },
  {
    question:
      'Amazon SES receives mail for a domain, and a Lambda function must process the full message content of mails up to 100 KB. Which receipt rule action fits?',
    choices: [
      'A Lambda action that invokes the function directly',
      'An SNS action, with the function subscribed to the topic',
      'A Bounce action',
      'An Add header action',
    ],
    answer: [1],
    explanation:
      'A Lambda action passes the mail metadata, not the content. The SNS action publishes the content for mail up to 150 KB; larger mail needs the S3 action. The lab publishes SES-format notifications to its topic and follows them to the internal service.',
    shownBy: { experiment: 'delivery' },
    domain: 'developing',
  },
  {
    question:
      'An asynchronously invoked Lambda function throws on every attempt. With default settings, how many times does Lambda run it for one event?',
    choices: ['Once', 'Twice', 'Three times', 'Until the event is six hours old'],
    answer: [2],
    explanation:
      'Lambda retries an asynchronous event twice by default (configurable 0-2), so it runs three times; then the event goes to the on-failure destination or dead-letter queue, if one is set. The lab reads approximateInvokeCount 3 in the on-failure record.',
    shownBy: { experiment: 'asyncFailure' },
    domain: 'developing',
  },
  {
    question:
      'Events that an asynchronously invoked function fails to process must be kept with the error details for later replay. Which two on-failure destinations can Lambda use? (Choose two.)',
    choices: [
      'An SQS standard queue',
      'An EventBridge event bus',
      'An SNS FIFO topic',
      'A CloudWatch Logs log group',
    ],
    answer: [0, 1],
    explanation:
      'On-failure destinations can be an SQS standard queue, an SNS standard topic, a Lambda function, an EventBridge bus or an S3 bucket; FIFO queues and topics are not supported. Destinations carry the request, the response and the error, which a dead-letter queue does not.',
    shownBy: { challenge: 'failed-mail-vanishes' },
    domain: 'resilient',
  },
  {
    question:
      'A VPC-attached function calls an internal service. Which inbound rule on the service security group admits the function and nothing else?',
    choices: [
      'The VPC CIDR block on the service port',
      "The function's security group on the service port",
      '0.0.0.0/0 on the service port',
      'The Elastic IP of a NAT gateway',
    ],
    answer: [1],
    explanation:
      "Referencing a security group admits exactly the network interfaces that carry it, wherever their addresses are; a CIDR admits everything in the range. The lab's service admits only the forwarder's group, and the forwarder may send only to the service's group.",
    shownBy: { experiment: 'securityGroups' },
    domain: 'secure',
  },
  {
    question:
      "A function's HTTP call to a service in the same VPC times out; the service's own logs show no request at all. What is the most likely cause?",
    choices: [
      'An application error in the service',
      'A security group (or network ACL) that drops the traffic',
      'The function reached its concurrency limit',
      "The function's IAM role lacks a permission",
    ],
    answer: [1],
    explanation:
      'A dropped connection times out silently; an application that received the request would answer (even with an error) and log it. Security groups drop what they do not allow, so a timeout points at network rules first.',
    shownBy: { guide: 'Break it 1' },
    domain: 'secure',
  },
];
