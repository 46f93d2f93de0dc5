import type { Construct } from 'constructs';
import type { LabStack, LabStackProps } from './constructs/lab-stack';
import { LabInputError } from './errors';
import { EmailHookStack } from './labs/lab-01-email-hook';
import { FanOutStack } from './labs/lab-02-fan-out';
import { WebTierStack } from './labs/lab-03-web-tier';
import { ChangeDataCaptureStack } from './labs/lab-04-change-data-capture';

/** Where a lab can be deployed. */
export type Target = 'aws' | 'ministack' | 'localstack';
export const TARGETS: readonly Target[] = ['aws', 'ministack', 'localstack'];

/**
 * How much of a lab works on a target.
 * - `full`: deploys and every experiment runs
 * - `partial`: deploys, but some experiments are skipped (the note says which and why)
 * - `none`: does not deploy there (the note says why)
 */
export type SupportLevel = 'full' | 'partial' | 'none';

export interface TargetSupport {
  readonly level: SupportLevel;
  /** One or two sentences: what does not work there and why, and any compatibility step it needs. */
  readonly note: string;
}

/** A study note the lab draws on: the file in shared/notes and the topics taken from it. */
export interface NoteReference {
  readonly file: string;
  readonly topics: string[];
}

export type LabStackClass = new (scope: Construct, id: string, props: LabStackProps) => LabStack;

/**
 * Exam domains, by short key: the four domains of the Solutions Architect Associate exam (SAA-C03)
 * and the development domain of the Developer Associate exam (DVA-C02).
 */
export const EXAM_DOMAINS = {
  secure: 'SAA: Design Secure Architectures',
  resilient: 'SAA: Design Resilient Architectures',
  performing: 'SAA: Design High-Performing Architectures',
  cost: 'SAA: Design Cost-Optimized Architectures',
  developing: 'DVA: Development with AWS Services',
} as const;
export type ExamDomain = keyof typeof EXAM_DOMAINS;

/** One lab of the kit. */
export interface LabDefinition {
  /** Stack name and CLI argument: `lab-NN`. */
  readonly id: string;
  /** Folder name under labs/: `lab-NN-<words>`. */
  readonly slug: string;
  readonly title: string;
  /** One line: what the lab builds. */
  readonly summary: string;
  readonly notes: NoteReference[];
  /** The certification exam domains the lab serves (see {@link EXAM_DOMAINS}). */
  readonly examDomains: readonly ExamDomain[];
  readonly stack: LabStackClass;
  readonly support: Record<Target, TargetSupport>;
  /**
   * Whether the lab may create NAT gateways (billed per hour). Only a lab about NAT sets this.
   *
   * @default false
   */
  readonly allowsNatGateway?: boolean;
}

/** The single list of labs. bin/, the CLI, the tests and the README table all read it. */
export const CATALOGUE: readonly LabDefinition[] = [
  {
    id: 'lab-01',
    slug: 'lab-01-email-hook',
    title: 'Email hook: SES -> SNS -> Lambda in a VPC -> internal service',
    summary:
      'Mail received by SES is published to SNS; a VPC-attached Lambda POSTs its metadata with axios to an internal ALB only it can reach.',
    notes: [
      {
        file: '000_eb71e302648b0e53.txt',
        topics: [
          'SES -> SNS -> Lambda story',
          'SNS 150 KB email limit',
          'Lambda VPC access and security groups',
        ],
      },
    ],
    examDomains: ['secure', 'resilient', 'developing'],
    stack: EmailHookStack,
    support: {
      aws: {
        level: 'full',
        note: 'Receiving real mail needs a domain verified in SES in a receiving region (-c emailDomain=...).',
      },
      ministack: {
        level: 'partial',
        note: 'Deploys with three compatibility steps (defer-security-group-rules, register-target-group-targets, route-load-balancer-urls). MiniStack drops VpcConfig and does not enforce network isolation, so those two experiments are skipped; it has no SES receipt rules, and its SNS calls Lambda subscribers once, synchronously (the retry experiment invokes asynchronously itself, as SNS does on AWS).',
      },
      localstack: {
        level: 'none',
        note: 'The internal service is an ALB and the free image has no ELBv2; it also mocks SES receipt rules.',
      },
    },
  },
  {
    id: 'lab-02',
    slug: 'lab-02-fan-out',
    title: 'Fan-out: SNS -> SQS with filter policies, DLQs and FIFO',
    summary:
      'One topic fans out to four queues with different filter policies, each with a dead-letter queue and alarm, plus a FIFO topic -> FIFO queue pair.',
    notes: [
      { file: '000_eb71e302648b0e53.txt', topics: ['SQS and SNS basics'] },
      {
        file: '002_b4197942c38b97e3.txt',
        topics: ['SQS DLQ, FIFO, long polling, visibility timeout', 'SNS fan-out'],
      },
      {
        file: '003_4fb32c6148cb8c93.txt',
        topics: ['SQS limits and defaults', 'SNS filter policies and FIFO topics'],
      },
      { file: '004_290acbaf18f7d933.txt', topics: ['SNS/SQS decoupling patterns'] },
    ],
    examDomains: ['resilient', 'performing', 'developing'],
    stack: FanOutStack,
    support: {
      aws: { level: 'full', note: '' },
      ministack: {
        level: 'full',
        note: "Every experiment runs, with the fifo-topic-attributes compatibility step. MiniStack does not apply the topics' KMS key (encryption at rest is not emulated).",
      },
      localstack: { level: 'full', note: '' },
    },
  },
  {
    id: 'lab-03',
    slug: 'lab-03-web-tier',
    title: 'Web tier: ALB + Auto Scaling group across two AZs',
    summary:
      'An internet-facing ALB in two public subnets in front of an Auto Scaling group (min 2) whose instances admit HTTP only from the ALB.',
    notes: [
      {
        file: '001_06aa89305e27a1ca.txt',
        topics: ['ALB -> ASG security group referencing', 'ASG launch and termination'],
      },
      {
        file: '002_b4197942c38b97e3.txt',
        topics: ['EC2 user data and instance metadata', 'ELB target groups'],
      },
      { file: '004_290acbaf18f7d933.txt', topics: ['Auto scaling policy types and cooldown'] },
    ],
    examDomains: ['resilient', 'performing', 'secure'],
    stack: WebTierStack,
    support: {
      aws: {
        level: 'full',
        note: 'Runs two t3.micro instances and an internet-facing ALB, billed per hour: destroy it when done.',
      },
      ministack: {
        level: 'partial',
        note: 'Deploys with two compatibility steps (defer-security-group-rules, served-al2023-ami-parameter). Auto Scaling instances are records only, so the control plane is checked and HTTP is skipped.',
      },
      localstack: { level: 'none', note: 'The free image has no ELBv2 and no Auto Scaling.' },
    },
  },
  {
    id: 'lab-04',
    slug: 'lab-04-change-data-capture',
    title: 'Change data capture: DynamoDB Streams -> Lambda',
    summary:
      'Every insert, update and delete on a DynamoDB table streams to a Lambda that writes an ordered audit trail; failures go to an SQS destination.',
    notes: [
      { file: '001_06aa89305e27a1ca.txt', topics: ['DynamoDB Streams -> Lambda'] },
      { file: '002_b4197942c38b97e3.txt', topics: ['DynamoDB keys, GSI/LSI, TTL, streams, RCU/WCU'] },
      { file: '004_290acbaf18f7d933.txt', topics: ['DynamoDB indexes and scaling'] },
    ],
    examDomains: ['performing', 'resilient', 'developing'],
    stack: ChangeDataCaptureStack,
    support: {
      aws: {
        level: 'full',
        note: 'TTL deletions appear within about 48 hours of expiry, so that experiment is skipped.',
      },
      ministack: {
        level: 'partial',
        note: 'MiniStack 1.5.33 stream mappings have no retries, bisect or partial batch responses, and it neither applies the table TTL setting nor writes TTL deletions to the stream: the on-failure and TTL experiments are skipped there (the function side of a poison record is still proven by a direct invoke).',
      },
      localstack: { level: 'full', note: '' },
    },
  },
];

/** The catalogue entry for a lab id. @throws LabInputError listing the known ids when there is none */
export function findLab(id: string): LabDefinition {
  const lab = CATALOGUE.find((entry) => entry.id === id);
  if (!lab) {
    throw new LabInputError(
      `Unknown lab "${id}". Known labs: ${CATALOGUE.map((entry) => entry.id).join(', ')}.`,
    );
  }
  return lab;
}
