import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-01 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A Lambda function must call an internal Application Load Balancer in private subnets of a VPC. What does the function need?',
    choices: [
      {
        text: "An execution role that allows elasticloadbalancing:* on the load balancer's ARN",
        wrong: 'IAM governs calls to AWS APIs, not whether packets can reach an address in a VPC',
      },
      {
        text: 'A NAT gateway in a public subnet, routing its traffic into the private subnets',
        wrong: 'a NAT gateway gives private subnets a way out to the internet, not a way into the VPC',
      },
      {
        text: 'Attachment to subnets of that VPC, with a security group the load balancer admits',
        right: true,
      },
      {
        text: 'A resource-based policy on the load balancer that names the function role',
        wrong: 'load balancers have no resource-based policies; reaching one is a matter of network paths',
      },
    ],
    explanation:
      "A function runs in an AWS-owned network unless it is attached to your subnets; only then can it reach private addresses. The load balancer's security group must admit the function's group.",
    shownBy: { experiment: 'vpcAttachment' },
    domain: 'secure',
  },
  {
    question:
      'Amazon SES receives mail for a domain, and a Lambda function must process the full message content of mails up to 100 KB. Which receipt rule action fits?',
    choices: [
      { text: 'An SNS action, with the function subscribed to the topic', right: true },
      {
        text: 'A Lambda action that invokes the function directly with the received mail',
        wrong: "the Lambda action's event carries the mail's metadata and headers, not its content",
      },
      {
        text: 'A WorkMail action that hands each received message to the function',
        wrong: 'the WorkMail action delivers to an Amazon WorkMail organization, not to a function',
      },
      {
        text: 'An Add header action followed by a Stop action on the rule set',
        wrong: 'these change a header and end rule processing; neither delivers the content anywhere',
      },
    ],
    explanation:
      'The SNS action publishes the content for mail up to 150 KB; larger mail needs the S3 action. The lab publishes SES-format notifications to its topic and follows them to the internal service.',
    shownBy: { experiment: 'delivery' },
    domain: 'developing',
  },
  {
    question:
      'An asynchronously invoked Lambda function throws on every attempt. With default settings, how many times does Lambda run it for one event?',
    choices: [
      {
        text: 'Once, then the event goes to the on-failure destination',
        wrong: 'no retries is a setting you choose (retry attempts 0); the default is two retries',
      },
      { text: 'Twice', wrong: 'two is the number of retries; the first attempt comes on top of them' },
      {
        text: 'Until the event is six hours old',
        wrong: 'six hours is the default maximum event age; retries after function errors stop after two',
      },
      { text: 'Three times', right: true },
    ],
    explanation:
      'Lambda retries an asynchronous event twice by default (configurable 0-2), so it runs three times; then the event goes to the on-failure destination or dead-letter queue, if one is set. The lab reads approximateInvokeCount 3 in the on-failure record.',
    shownBy: { experiment: 'asyncFailure' },
    domain: 'developing',
  },
  {
    question:
      'Events that an asynchronously invoked function fails to process must be kept with the error details for later replay. Which two on-failure destinations can Lambda use?',
    choices: [
      {
        text: 'An SNS FIFO topic',
        wrong: 'FIFO topics (and FIFO queues) are not supported as destinations',
      },
      { text: 'An SQS standard queue', right: true },
      {
        text: 'A CloudWatch Logs log group',
        wrong: 'a log group is not a destination type; the function writes logs there anyway',
      },
      { text: 'An EventBridge event bus', right: true },
    ],
    explanation:
      'On-failure destinations can be an SQS standard queue, an SNS standard topic, a Lambda function, an EventBridge bus or an S3 bucket. Destinations carry the request, the response and the error, which a dead-letter queue does not.',
    shownBy: { challenge: 'failed-mail-vanishes' },
    domain: 'resilient',
  },
  {
    question:
      'A VPC-attached function calls an internal service. Which inbound rule on the service security group admits the function and nothing else?',
    choices: [
      {
        text: "The VPC's CIDR block on the service port, so any subnet of the function works",
        wrong: 'a CIDR admits every resource in the range, not only the function',
      },
      { text: "The function's security group on the service port", right: true },
      {
        text: "The NAT gateway's Elastic IP address on the service port",
        wrong: 'traffic inside a VPC does not pass through the NAT gateway, so its address never shows',
      },
      {
        text: '0.0.0.0/0 on the service port, with the service in a private subnet',
        wrong: 'a private subnet only hides it from the internet; everything in the VPC is admitted',
      },
    ],
    explanation:
      "Referencing a security group admits exactly the network interfaces that carry it, wherever their addresses are. The lab's service admits only the forwarder's group, and the forwarder may send only to the service's group.",
    shownBy: { experiment: 'securityGroups' },
    domain: 'secure',
  },
  {
    question:
      "A function's HTTP call to a service in the same VPC times out; the service's own logs show no request at all. What is the most likely cause?",
    choices: [
      {
        text: 'An application error in the service that stops it from answering',
        wrong: 'a service that received the request would answer, even with an error, and log it',
      },
      {
        text: 'The function reached its reserved concurrency limit on the account',
        wrong: 'a throttled invoke fails with a throttling error before the function runs at all',
      },
      { text: 'A security group (or network ACL) that drops the traffic', right: true },
      {
        text: "The function's execution role lacks an execute-api or ec2 permission",
        wrong: 'IAM does not govern plain HTTP calls between addresses in a VPC',
      },
    ],
    explanation:
      'A dropped connection times out silently. Security groups drop what they do not allow, so a timeout with nothing in the service log points at network rules first.',
    shownBy: { guide: 'Break it 1' },
    domain: 'secure',
  },
  {
    question:
      'A Lambda function attached to private subnets reads from an RDS database in the same VPC. It must now also call a partner API on the internet, and those calls time out. What fixes it with the least change?',
    choices: [
      {
        text: 'Move the function to a public subnet so that it gets a public IP address',
        wrong: 'Lambda never gives a VPC-attached function a public address, in a public subnet either',
      },
      {
        text: 'Route the private subnets to a NAT gateway placed in a public subnet',
        right: true,
      },
      {
        text: 'Add an interface VPC endpoint for the partner API to those subnets',
        wrong:
          'interface endpoints reach AWS and PrivateLink services, not an arbitrary host on the internet',
      },
      {
        text: 'Detach the function from the VPC so it runs in the Lambda network',
        wrong: 'outside the VPC it reaches the internet but loses its private path to the database',
      },
    ],
    explanation:
      "An attached function's traffic follows its subnets' route table, and its network interfaces have private addresses only. A NAT gateway in a public subnet gives the private subnets a way out while the function keeps its path to the database.",
    shownBy: { guide: 'Exam facts' },
    domain: 'secure',
  },
];
