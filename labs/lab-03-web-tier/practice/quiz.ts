import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-03 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A web application on EC2 must keep serving if one Availability Zone fails, at the lowest cost. Which setup meets this?',
    choices: [
      'One large instance with an Elastic IP',
      'An Auto Scaling group with a minimum of 2 instances in two AZs, behind an Application Load Balancer',
      'An Auto Scaling group with a minimum of 1 instance in one AZ',
      'Two instances in the same AZ behind an Application Load Balancer',
    ],
    answer: [1],
    explanation:
      'Two instances in two AZs survive the loss of one AZ; the ALB sends traffic only to healthy targets, and the group replaces what it loses. One instance, or one AZ, is a single point of failure.',
    shownBy: { experiment: 'answersFromTwoAzs' },
    domain: 'resilient',
  },
  {
    question:
      'Web instances behind an ALB must accept HTTP only from the load balancer. Which rule does that?',
    choices: [
      "Instance security group: inbound TCP 80 from the ALB's security group",
      'Instance security group: inbound TCP 80 from the VPC CIDR',
      'A network ACL that allows only the ALB node addresses',
      'Instance security group: inbound TCP 80 from 0.0.0.0/0, with AWS WAF on the ALB',
    ],
    answer: [0],
    explanation:
      "ALB nodes change addresses; referencing the ALB's security group admits them wherever they are, and nothing else. A VPC CIDR admits every resource in the VPC.",
    shownBy: { experiment: 'httpOnlyFromAlb' },
    domain: 'secure',
  },
  {
    question:
      'A partner must allow-list two fixed IP addresses to reach an application that runs behind an Application Load Balancer. What should you add?',
    choices: [
      'Elastic IP addresses on the ALB',
      'AWS Global Accelerator in front of the ALB',
      'A Route 53 alias record for the ALB',
      'A NAT gateway in front of the ALB',
    ],
    answer: [1],
    explanation:
      'An ALB has a DNS name and no fixed addresses, and cannot take Elastic IPs (an NLB can, one per AZ). Global Accelerator gives two static anycast IPs and forwards to the ALB. An alias record still resolves to changing addresses.',
    shownBy: { experiment: 'albHasDnsName' },
    domain: 'performing',
  },
  {
    question:
      'A target tracking policy keeps average CPU at 50 %. New instances need about two minutes to boot, and until then they drag the average down and trigger more scale-out. Which setting fixes this?',
    choices: [
      "The group's default cooldown",
      'The instance warmup',
      'The health check grace period',
      'The termination policy',
    ],
    answer: [1],
    explanation:
      "Target tracking and step scaling do not wait for a cooldown; they leave an instance's metrics out until its warmup has passed. The default cooldown holds back simple scaling policies only (and serves as the warmup when no default instance warmup is set).",
    shownBy: { experiment: 'cpuTargetTracking' },
    domain: 'performing',
  },
  {
    question:
      'Instances whose application has hung fail the ALB health check, but the Auto Scaling group keeps them InService and never replaces them. What should you change?',
    choices: [
      'Set the group health check type to ELB',
      'Shorten the default cooldown',
      'Use a launch configuration instead of a launch template',
      'Turn on scale-in protection',
    ],
    answer: [0],
    explanation:
      "With the EC2 health check type the group only sees the instance status checks, which a hung application passes. With ELB it also acts on the load balancer's verdict and replaces the instance.",
    shownBy: { challenge: 'broken-server-never-replaced' },
    domain: 'resilient',
  },
  {
    question:
      'After hardening, an application on EC2 that reads instance metadata gets HTTP 401. Which two statements explain it and the fix? (Choose two.)',
    choices: [
      'The launch template requires IMDSv2 (HttpTokens required)',
      'The application must first PUT /latest/api/token and send that token with each metadata request',
      'The instance profile has no role',
      'Instance metadata is disabled on the instance',
    ],
    answer: [0, 1],
    explanation:
      'With IMDSv2 required, metadata requests need a session token from PUT /latest/api/token; a request without one is refused with 401. A disabled metadata service would not answer at all, and the instance role does not matter for metadata like the instance id.',
    shownBy: { experiment: 'imdsv1Refused' },
    domain: 'secure',
  },
];
