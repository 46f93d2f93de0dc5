import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-03 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A web application on EC2 must keep serving if one Availability Zone fails, at the lowest cost. Which setup meets this?',
    choices: [
      {
        text: 'One large instance with an Elastic IP, and a CloudWatch alarm action that recovers it in place',
        wrong: 'a recovered instance stays in its AZ, so the loss of that AZ takes the application down',
      },
      {
        text: 'An Auto Scaling group with a minimum of 1 instance across two AZs, behind an Application Load Balancer',
        wrong: 'with one instance, the loss of its AZ stops service until a replacement boots in the other',
      },
      {
        text: 'An Auto Scaling group with a minimum of 2 instances in two AZs, behind an Application Load Balancer',
        right: true,
      },
      {
        text: 'Two instances in one AZ behind an Application Load Balancer, in a group that replaces failed ones',
        wrong: 'one AZ is a single point of failure however many instances run in it',
      },
    ],
    explanation:
      'Two instances in two AZs survive the loss of one AZ; the ALB sends traffic only to healthy targets, and the group replaces what it loses.',
    shownBy: { experiment: 'answersFromTwoAzs' },
    domain: 'resilient',
  },
  {
    question:
      'Web instances behind an ALB must accept HTTP only from the load balancer. Which rule does that?',
    choices: [
      {
        text: "Instance security group: inbound TCP 80 from the VPC's CIDR block",
        wrong: 'a VPC CIDR admits every resource in the VPC, not only the load balancer',
      },
      {
        text: 'A network ACL on the instance subnets that allows only the ALB node addresses',
        wrong: 'ALB node addresses change as it scales, so a fixed address list breaks or goes stale',
      },
      {
        text: 'Instance security group: inbound TCP 80 from 0.0.0.0/0, with AWS WAF on the ALB',
        wrong: 'WAF filters requests that pass the ALB; requests sent straight to instances bypass it',
      },
      { text: "Instance security group: inbound TCP 80 from the ALB's security group", right: true },
    ],
    explanation:
      "ALB nodes change addresses; referencing the ALB's security group admits them wherever they are, and nothing else.",
    shownBy: { experiment: 'httpOnlyFromAlb' },
    domain: 'secure',
  },
  {
    question:
      'A partner must allow-list two fixed IP addresses to reach an application that runs behind an Application Load Balancer. What should you add?',
    choices: [
      { text: 'AWS Global Accelerator in front of the ALB', right: true },
      {
        text: 'Two Elastic IP addresses attached to the ALB, one per AZ',
        wrong: 'an ALB cannot take Elastic IPs (a Network Load Balancer can, one per AZ)',
      },
      {
        text: 'A Route 53 alias record that points a fixed name at the ALB',
        wrong: 'the name is fixed, but it still resolves to the changing addresses of the ALB',
      },
      {
        text: 'A NAT gateway with an Elastic IP in front of the ALB',
        wrong: 'a NAT gateway carries connections out of a VPC; it does not accept inbound ones',
      },
    ],
    explanation:
      'An ALB has a DNS name and no fixed addresses. Global Accelerator gives two static anycast IPs and forwards to the ALB.',
    shownBy: { experiment: 'albHasDnsName' },
    domain: 'performing',
  },
  {
    question:
      'A target tracking policy keeps average CPU at 50 %. New instances need about two minutes to boot, and until then they drag the average down and trigger more scale-out. Which setting fixes this?',
    choices: [
      {
        text: 'The health check grace period of the group',
        wrong: 'it delays health checks of new instances; their metrics still count in the average',
      },
      { text: 'The instance warmup', right: true },
      {
        text: "The group's default cooldown",
        wrong:
          'target tracking scales out without waiting for the cooldown; only the warmup keeps new metrics out',
      },
      {
        text: 'The termination policy of the group',
        wrong: 'it picks which instance goes at scale-in and has no say in scale-out',
      },
    ],
    explanation:
      "Target tracking and step scaling leave an instance's metrics out until its warmup has passed (the default cooldown serves as the warmup only when no default instance warmup is set).",
    shownBy: { experiment: 'cpuTargetTracking' },
    domain: 'performing',
  },
  {
    question:
      'Instances whose application has hung fail the ALB health check, but the Auto Scaling group keeps them InService and never replaces them. What should you change?',
    choices: [
      {
        text: 'Shorten the default cooldown so that replacements start sooner',
        wrong: 'a cooldown only spaces scaling activities; it does not decide what is unhealthy',
      },
      {
        text: 'Use a launch configuration instead of a launch template',
        wrong: 'how instances are launched does not change which health checks the group reads',
      },
      {
        text: 'Turn on scale-in protection for the instances of the group',
        wrong: 'protection only stops scale-in from choosing them; the group still sees them as healthy',
      },
      { text: 'Set the group health check type to ELB', right: true },
    ],
    explanation:
      "With the EC2 health check type the group only sees the instance status checks, which a hung application passes. With ELB it also acts on the load balancer's verdict and replaces the instance.",
    shownBy: { challenge: 'broken-server-never-replaced' },
    domain: 'resilient',
  },
  {
    question:
      'After hardening, an application on EC2 that reads instance metadata gets HTTP 401. Which two statements explain it and the fix?',
    choices: [
      {
        text: 'The instance profile has no role',
        wrong: 'metadata such as the instance id is served without any role; only credentials need one',
      },
      { text: 'The launch template requires IMDSv2 (HttpTokens required)', right: true },
      {
        text: 'Instance metadata is turned off on the instance',
        wrong: 'with the endpoint off, no request gets metadata, so a token would not fix it',
      },
      {
        text: 'The application must first PUT /latest/api/token and send that token with each metadata request',
        right: true,
      },
    ],
    explanation:
      'With IMDSv2 required, metadata requests need a session token from PUT /latest/api/token; a request without one is refused with 401.',
    shownBy: { experiment: 'imdsv1Refused' },
    domain: 'secure',
  },
  {
    question:
      'Whenever the Auto Scaling group behind an ALB scales in, some users lose long report downloads halfway through. Otherwise the group works as intended. Which setting lets those downloads finish?',
    choices: [
      { text: 'The deregistration delay of the target group', right: true },
      {
        text: 'The health check grace period of the Auto Scaling group',
        wrong: 'it delays health checks of new instances; it has no say in how a leaving one drains',
      },
      {
        text: 'The idle timeout of the load balancer',
        wrong: 'it closes connections on which no data flows; a running download is not idle',
      },
      {
        text: 'The default cooldown of the group',
        wrong: 'it spaces scaling activities apart; it does not keep a leaving instance serving',
      },
    ],
    explanation:
      'A deregistering target gets no new requests and serves those in flight until the deregistration delay ends (300 s unless set); only then is the instance terminated. The lab sets 30 s, enough for its small page.',
    shownBy: { guide: 'Exam facts' },
    domain: 'resilient',
  },
];
