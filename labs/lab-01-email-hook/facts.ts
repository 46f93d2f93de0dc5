import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const LAMBDA_ASYNC = 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html';
const LAMBDA_VPC_INTERNET = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html';
const LAMBDA_DESTINATIONS =
  'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html';

/** The exam facts lab-01 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: "An SES receipt rule that invokes Lambda directly passes only the mail's metadata. To get the content, publish to SNS (mail up to 150 KB) and subscribe the function; larger mail needs the S3 action",
    notes: '`000_eb71e302648b0e53.txt` - SES -> SNS -> Lambda story, SNS 150 KB email limit',
    experiments: ['delivery'],
    remark: 'the SES -> SNS -> Lambda path; the 150 KB limit itself is not tested',
  },
  {
    fact: 'A Lambda function runs outside your VPC unless you attach it to subnets with a security group; only then can it reach private resources',
    notes:
      '`000_eb71e302648b0e53.txt` - Lambda VPC access and security groups; `003_4fb32c6148cb8c93.txt` - Lambda (default: AWS-owned network)',
    experiments: ['vpcAttachment', 'delivery'],
    remark: 'the delivery itself shows it too: the internal service answers only inside the VPC',
  },
  {
    fact: "A security group rule can name another group instead of an address range: the service admits only the forwarder's group, and the forwarder may send only to the service's group",
    notes:
      '`000_eb71e302648b0e53.txt` - Lambda VPC access and security groups; `001_06aa89305e27a1ca.txt` - ALB & ASG (group referencing)',
    experiments: ['securityGroups'],
  },
  {
    fact: 'An internal load balancer gets private addresses only: its DNS name resolves, but nothing outside the VPC can connect',
    notes: '`000_eb71e302648b0e53.txt` - SES -> Lambda story (internal VPC service)',
    experiments: ['isolation'],
  },
  {
    fact: "A function's libraries (axios here) must ship in its package; only the AWS SDK comes with the runtime",
    notes:
      '`000_eb71e302648b0e53.txt` - SES -> Lambda story; `002_b4197942c38b97e3.txt` - Lambda external dependencies',
    experiments: ['delivery'],
    remark: "the forwarder's asset is bundled by esbuild with axios, and the delivery experiment runs it",
  },
  {
    fact: 'A non-2xx answer or a timeout makes the forwarder throw, so the invocation fails',
    notes: '`002_b4197942c38b97e3.txt` - Lambda (sync invocations fail)',
    experiments: ['syncFailure'],
  },
  {
    fact: 'SNS invokes Lambda asynchronously. A failed async invocation is retried (twice by default; 0-2 can be set, and events older than the maximum age, 60 s to 6 h, are dropped), then handed to the on-failure destination instead of vanishing. Destinations can be a standard SQS queue or a standard SNS topic (not FIFO: records sent there fail, counted in DestinationDeliveryFailures), a Lambda function, an EventBridge bus, or (on failure only) an S3 bucket',
    notes:
      '`002_b4197942c38b97e3.txt` - Lambda DLQ and retries, `--invocation-type Event` (the notes name only SQS and SNS)',
    sources: [LAMBDA_ASYNC, LAMBDA_DESTINATIONS],
    experiments: ['asyncFailure'],
  },
  {
    fact: 'A connection that times out points at a security group; an error answer points at the application',
    notes: '`002_b4197942c38b97e3.txt` - EC2 and security groups',
    remark: 'not by an experiment: Break it 1 shows it on AWS',
  },
  {
    fact: 'Isolated subnets have no route out: no NAT gateway and no internet gateway',
    notes: '`000_eb71e302648b0e53.txt` - NAT gateways',
    templateTests: ['the VPC has no NAT gateway and no internet gateway: nothing in it reaches out or in'],
  },
  {
    fact: 'A function attached to a VPC reaches only what its subnets route to, and Lambda never gives it a public IP address, not even in a public subnet: the internet takes a NAT gateway in a public subnet, and AWS APIs a NAT gateway or VPC endpoints. The forwarder needs neither: its only egress is the service',
    notes: '`000_eb71e302648b0e53.txt` - Lambda VPC access and security groups, NAT gateways',
    sources: [LAMBDA_VPC_INTERNET],
    remark:
      'not by an experiment: the forwarder has no route out to try, and the lab builds no NAT gateway (it would bill by the hour)',
  },
];
