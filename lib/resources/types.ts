import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { PriceKey } from '../cost/prices';

/**
 * What the kit knows about AWS resource types, one module per service (lib/resources/<service>.ts).
 * For every CloudFormation type a lab's template holds, the module of its service says:
 * - price: how the cost estimator prices it (an hourly rule, a usage-priced line, or free);
 * - diagram: how the diagram draws it (a node, an aggregated node, or hidden with the reason), and
 *   the edges it contributes;
 * - leftovers: how the post-destroy scan finds what is left of it, or why it cannot outlive its stack;
 * - sweep: how `labs sweep` deletes it, for the types sweep handles.
 * The modules hold no SDK client at load time (the synth path imports the registry for the cost):
 * they import their client when a scan or a delete runs.
 */

/** A resource of a synthesized template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}
export type CfnResources = Readonly<Record<string, CfnResource>>;

// ---- cost ----

/** What an hourly price rule sees of one resource, and how it adds lines to the estimate. */
export interface PriceContext {
  readonly id: string;
  readonly props: Record<string, unknown>;
  readonly resources: CfnResources;
  /** Adds a fixed-price line (nothing when quantity is 0). */
  add(what: string, quantity: number, priceKey: PriceKey, gigabytes?: number): void;
  /** Reports something that may be billed and that the price table does not know. */
  notPriced(what: string): void;
}

/** How the estimator prices a type. At least one of the three, or the type is reported "not priced". */
export interface PriceRule {
  /** Fixed-price lines for one resource of the type. */
  readonly hourly?: (resource: PriceContext) => void;
  /**
   * One line: what the service costs by use (free tiers apply), or a function of the resource's
   * properties when the rate depends on them (FIFO queues, point-in-time recovery).
   */
  readonly usage?: string | ((props: Record<string, unknown>) => string);
  /** Why it costs nothing by itself (it configures something else). */
  readonly free?: string;
}

// ---- diagram ----

/** An edge of the diagram, between logical ids (or an aggregated node, or the internet). */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly dotted?: boolean;
}

/** What edge rules see of the whole template. */
export interface DiagramContext {
  readonly resources: CfnResources;
  /** Every logical id, sorted. */
  readonly ids: readonly string[];
  /** The logical ids drawn as nodes. */
  readonly drawn: ReadonlySet<string>;
  /** Security group logical id -> the drawn nodes that use it. */
  readonly securityGroupOwners: ReadonlyMap<string, readonly string[]>;
  /** IAM role logical id -> the drawn node that runs with it. */
  readonly roleOwners: ReadonlyMap<string, string>;
  /** IAM action prefixes whose grants are drawn (data and messaging services, see `drawnGrants`). */
  readonly grantServices: ReadonlySet<string>;
}

/** A type drawn as one node per resource. */
export interface DiagramNode {
  /** What the node is called under its name, e.g. `SQS queue`. */
  readonly label: string;
  /** The service group it sits in when it is not in a VPC subnet tier. @default 'Other' */
  readonly group?: string;
  /** The subnets it runs in (a list of references), which put it in a VPC subnet tier. */
  readonly subnets?: (props: Record<string, unknown>) => unknown;
  /** The security groups it uses (a list of references), for security group edges. */
  readonly securityGroups?: (props: Record<string, unknown>, resources: CfnResources) => unknown[];
  /** The IAM role it runs with, for grant edges. */
  readonly role?: (props: Record<string, unknown>) => unknown;
  /**
   * Whether this resource is drawn, for a type drawn only where it is part of the lesson (an IAM role
   * no drawn node runs with, a managed policy of a drawn role); asked after the unconditional nodes
   * are placed, with those in `context.drawn`. @default always
   */
  readonly drawnWhen?: (id: string, props: Record<string, unknown>, context: DiagramContext) => boolean;
  /** The label of an edge from the internet, when the resource is open to it. */
  readonly internet?: (
    id: string,
    props: Record<string, unknown>,
    context: DiagramContext,
  ) => string | undefined;
}

/** A type drawn as one node per target, counting the resources (alarms, per topic they notify). */
export interface DiagramAggregate {
  /** Node ids of the aggregate start with this; edge rules use it as the `from` of their edges. */
  readonly prefix: string;
  readonly label: (count: number) => string;
  /** The group the nodes sit in, when the diagram has it (else at the top level). */
  readonly group: string;
}

/** How the diagram shows a type: exactly one of node, aggregate or hidden. */
export interface DiagramRule {
  readonly node?: DiagramNode;
  readonly aggregate?: DiagramAggregate;
  /** Why it is not a node of its own (e.g. drawn as an edge, or counted in the VPC title). */
  readonly hidden?: string;
  /** NAT gateways: counted in the VPC's title (`VPC (1 NAT gateway)`, `VPC (no NAT gateway)`). */
  readonly inVpcTitle?: true;
  /** The edges one resource of the type contributes. */
  readonly edges?: (id: string, props: Record<string, unknown>, context: DiagramContext) => DiagramEdge[];
}

// ---- leftovers ----

/** Client configuration of the AWS SDK (region, endpoint, credentials). */
export type ClientConfig = Record<string, unknown>;

/** How the post-destroy scan finds what is left of a type: exactly one of the two forms. */
export type LeftoverRule =
  | {
      /** Does a resource with this physical id still exist? */
      readonly exists: (physicalId: string, config: ClientConfig) => Promise<boolean>;
      /**
       * Physical ids of resources of the type whose name or tag points at the lab (after a
       * destroy, nothing may). `namedForLab` tells whether a name was given for the stack.
       */
      readonly findByNameOrTag?: (
        stackName: string,
        config: ClientConfig,
        namedForLab: (name: string | undefined) => boolean,
      ) => Promise<string[]>;
    }
  | {
      /** Why nothing of the type can be left after its stack is gone, so the scan does not look. */
      readonly cannotOutlive: string;
    };

// ---- sweep ----

/** The AWS clients sweep uses in one region (tests pass clients with a stand-in for the service). */
export interface SweepClients {
  readonly cloudFormation: CloudFormationClient;
  readonly logs: CloudWatchLogsClient;
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  readonly sts: STSClient;
}

/** What sweep deletes: a physical id (or a stack name and ARN), why, and where. */
export interface SweepTarget {
  readonly id: string;
  readonly stackId?: string;
  readonly region: string;
  readonly reason: string;
}

/** How `labs sweep` deletes a resource of the type. */
export interface SweepRule {
  /** Deletes it; returns the line to report when the default (`deleted <type> <id> ...`) does not fit. */
  readonly delete: (target: SweepTarget, clients: SweepClients) => Promise<string | undefined>;
}

// ---- the module of a service ----

/** Everything the kit knows about one CloudFormation type. */
export interface ResourceType {
  readonly price?: PriceRule;
  readonly diagram?: DiagramRule;
  readonly leftovers?: LeftoverRule;
  readonly sweep?: SweepRule;
}

/** One AWS service: its CloudFormation types, all under one prefix. */
export interface ServiceModule {
  /** The CloudFormation type prefix, e.g. `AWS::SQS` (or `Custom` for the kit's custom resources). */
  readonly prefix: string;
  /** IAM action prefix whose grants the diagram draws as edges (data and messaging services). */
  readonly drawnGrants?: string;
  readonly types: Readonly<Record<string, ResourceType>>;
}

/** Declares a service module (only types; keeps each module's object literal checked). */
export const defineService = (module: ServiceModule): ServiceModule => module;
