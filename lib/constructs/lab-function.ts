import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The Node.js runtime every lab function uses: the newest one aws-cdk-lib knows. */
export const LAB_NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Where handler source lives: `lambda/<lab-id>/<handler>/index.ts` (the kit's own under `lambda/kit/`). */
export const LAMBDA_SOURCE_ROOT = path.join(__dirname, '..', '..', 'lambda');

/** How every lab function is bundled (part of its asset hash). */
const BUNDLING: nodejs.BundlingOptions = {
  // Bundle the SDK too (see the class docs); minify to keep cold starts and uploads small.
  externalModules: [],
  minify: true,
  sourceMap: false,
  // Syntax every Node that runs a handler knows: Lambda's nodejs24.x, and the Node an emulator runs
  // it with (24 when the kit starts MiniStack; a user's own emulator may use an older one).
  target: 'node20',
};

const sourceHashes = new Map<string, string>();

/**
 * A hash of everything a handler's bundle is made from: its folder under `lambda/` (handlers import
 * nothing outside it but npm packages), the locked package versions, esbuild's and aws-cdk-lib's
 * versions and the bundling options. Given to the bundler as the asset hash, it lets the CDK skip
 * bundling when the cloud assembly directory already holds that asset (a second `cdk synth`, or
 * `labs deploy` again): esbuild and the asset copy cost about 0.5 s per function.
 */
function handlerSourceHash(folder: string): string {
  const known = sourceHashes.get(folder);
  if (known) return known;
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(path.relative(LAMBDA_SOURCE_ROOT, file)).update('\0').update(readFileSync(file));
    }
  };
  walk(path.join(LAMBDA_SOURCE_ROOT, folder));
  const root = path.join(LAMBDA_SOURCE_ROOT, '..');
  for (const file of ['package-lock.json', 'tsconfig.json']) {
    try {
      hash.update(readFileSync(path.join(root, file)));
    } catch {
      // not there in an installed copy of the kit: the versions below still count
    }
  }
  for (const pkg of ['esbuild', 'aws-cdk-lib']) {
    try {
      hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
    } catch {
      hash.update(`${pkg}@none`);
    }
  }
  hash.update(JSON.stringify(BUNDLING));
  const digest = hash.digest('hex');
  sourceHashes.set(folder, digest);
  return digest;
}

/** Properties for a {@link LabFunction}. */
export interface LabFunctionProps {
  /**
   * The folder under `lambda/` that holds the handler's `index.ts`: the lab id, then the handler,
   * for example `lab-01/email-forwarder` (the kit's own handlers live under `kit/`).
   */
  readonly handlerFolder: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /**
   * Environment variables for the handler.
   *
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * Maximum run time of one invocation.
   *
   * @default 10 seconds
   */
  readonly timeout?: Duration;
  /**
   * Memory in MiB.
   *
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * The VPC to attach the function to. Without one, the function has no access to VPC resources.
   *
   * @default not attached to a VPC
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Subnets for the function's network interfaces (only with `vpc`).
   *
   * @default the VPC's isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups for the function's network interfaces (only with `vpc`).
   *
   * @default a new group created by Lambda with all outbound allowed
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Whether `vpcSubnets` may name public subnets. A function there gets no public IP address, so
   * it reaches neither the internet nor public endpoints: only a lab that shows this should allow it.
   *
   * @default false
   */
  readonly allowPublicSubnet?: boolean;
  /**
   * How long the function's logs are kept.
   *
   * @default one week
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Async invocation settings (retries, on-failure destination).
   *
   * @default Lambda's defaults: two retries, no destination
   */
  readonly onFailure?: lambda.IDestination;
  /**
   * Retry attempts for async invocations (0-2).
   *
   * @default 2
   */
  readonly retryAttempts?: number;
}

/**
 * A Lambda function written in TypeScript under `lambda/<folder>/`, bundled by esbuild.
 *
 * Default settings:
 * - runtime {@link LAB_NODE_RUNTIME} on x86_64, the architecture every emulator host can run
 * - everything the handler imports is bundled, the AWS SDK clients included: emulators do not
 *   provide the SDK the way the managed runtime does, and a pinned bundle behaves the same everywhere
 * - an explicit log group with one week retention, deleted with the stack (a log group Lambda creates
 *   on its own survives the stack and keeps costing)
 * - its own role allowed to write only to that log group (no AWS managed policy), plus the
 *   network-interface actions when attached to a VPC, scoped to its subnets and security groups
 *   where EC2 allows it
 */
export class LabFunction extends Construct {
  /** The function. */
  public readonly function: nodejs.NodejsFunction;
  /** The function's explicit log group. */
  public readonly logGroup: logs.LogGroup;
  /** The function's execution role. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LabFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${path.basename(props.handlerFolder)}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const vpcSubnets = props.vpc
      ? (props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED })
      : undefined;
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(LAMBDA_SOURCE_ROOT, props.handlerFolder, 'index.ts'),
      handler: 'handler',
      runtime: LAB_NODE_RUNTIME,
      description: props.description,
      environment: props.environment,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      role: this.role,
      logGroup: this.logGroup,
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: props.securityGroups,
      allowPublicSubnet: props.allowPublicSubnet ?? false,
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts,
      bundling: { ...BUNDLING, assetHash: handlerSourceHash(props.handlerFolder) },
    });
    if (props.vpc) this.allowNetworkInterfaces(props.vpc, vpcSubnets ?? {});
  }

  /**
   * What Lambda needs to manage the function's network interfaces in the VPC (the actions of the
   * AWSLambdaVPCAccessExecutionRole managed policy), scoped as far as EC2 allows:
   * - CreateNetworkInterface: only in the function's subnets, with its security groups, and
   *   interfaces of this account and region
   * - DeleteNetworkInterface, Assign/UnassignPrivateIpAddresses: interfaces of this account and
   *   region (their ids are unknown until Lambda creates them)
   * - DescribeNetworkInterfaces, DescribeSubnets: `*`, because EC2 Describe actions support no
   *   resource-level permissions
   */
  private allowNetworkInterfaces(vpc: ec2.IVpc, subnets: ec2.SubnetSelection): void {
    const stack = Stack.of(this);
    const arn = (resource: string, name: string) =>
      stack.formatArn({
        service: 'ec2',
        resource,
        resourceName: name,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    const networkInterfaces = arn('network-interface', '*');
    const subnetIds = vpc.selectSubnets(subnets).subnetIds;
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:CreateNetworkInterface'],
        resources: [
          networkInterfaces,
          ...subnetIds.map((id) => arn('subnet', id)),
          ...this.function.connections.securityGroups.map((group) =>
            arn('security-group', group.securityGroupId),
          ),
        ],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: [networkInterfaces],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        resources: ['*'],
      }),
    );
    Validations.of(this.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets: EC2 Describe actions support no resource-level permissions.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]',
        reason:
          'Lambda creates the network interfaces itself, so their ids are unknown here; the ARN pattern keeps them to this account and region.',
      },
    );
  }
}
