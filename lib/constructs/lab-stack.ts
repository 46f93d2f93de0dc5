import { Aspects, CfnResource, type IAspect, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { UNKNOWN_REGION } from 'aws-cdk-lib/cx-api';
import type { Construct, IConstruct } from 'constructs';
import { KIT_VERSION } from '../core/version';
import { NO_EXPIRY, TAG_KEYS } from '../safety/tags';
import { SelfDestruct } from './self-destruct';

/** Properties for a {@link LabStack}. */
export interface LabStackProps extends StackProps {
  /** The lab id from the catalogue, for example `lab-03`. Used for tags and the description. */
  readonly labId: string;
  /** The lab's title from the catalogue; goes into the stack description. */
  readonly labTitle: string;
  /**
   * When the stack deletes itself: sets the `expires-at` tag and adds a {@link SelfDestruct}.
   *
   * @default no expiry (tag `none`); `cdk deploy` to AWS sets one, see lib/safety/expiry.ts
   */
  readonly expiresAt?: Date;
  /**
   * The only account the CDK CLI may deploy, diff or destroy this stack with: it goes into the
   * cloud assembly's manifest (the stack's environment), and the CLI refuses credentials for any
   * other account unless they can assume the bootstrap roles there. The template stays
   * account-agnostic (`Ref AWS::AccountId`), the same for every account.
   *
   * @default none: any account (what `env` would pin, it pins in the template too)
   */
  readonly deployAccount?: string;
}

/**
 * Forces every CloudFormation resource in a scope to be deleted with its stack.
 *
 * Some L2 constructs default to RETAIN or SNAPSHOT (DynamoDB tables, log groups, KMS keys);
 * a study lab must leave nothing behind, so the kit overrides all of them in one place.
 */
export class DestroyEverything implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnResource) {
      node.applyRemovalPolicy(RemovalPolicy.DESTROY);
    }
  }
}

/**
 * The base of every lab's stack.
 *
 * Default settings:
 * - description: `AWS Architecture Labs <id>: <title>`
 * - tags on the stack and on every taggable resource: lab id, kit version, `expires-at`
 * - with `expiresAt`: a {@link SelfDestruct} that deletes the stack then
 * - removal policy DESTROY on every resource ({@link DestroyEverything})
 * - no environment in the template: it synthesizes offline; `deployAccount` says where it may go
 */
export class LabStack extends Stack {
  /** The lab id from the catalogue. */
  public readonly labId: string;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    const kitTags = {
      [TAG_KEYS.lab]: props.labId,
      [TAG_KEYS.kitVersion]: KIT_VERSION,
      [TAG_KEYS.expiresAt]: props.expiresAt?.toISOString() ?? NO_EXPIRY,
    };
    super(scope, id, {
      ...props,
      description: props.description ?? `AWS Architecture Labs ${props.labId}: ${props.labTitle}`,
      // On the stack itself: cdk.json sets @aws-cdk/core:explicitStackTags, so Tags.of(this) below
      // reaches only the resources, and `labs status` / `labs sweep` read a lab's expiry from its stack.
      tags: { ...props.tags, ...kitTags },
    });
    this.labId = props.labId;
    if (props.deployAccount) {
      // Stack.environment is read only by the synthesizer, for the manifest; `env: { account }` would
      // also write the account into every ARN of the template.
      (this as { environment: string }).environment = `aws://${props.deployAccount}/${UNKNOWN_REGION}`;
    }
    for (const [key, value] of Object.entries(kitTags)) Tags.of(this).add(key, value);
    if (props.expiresAt) new SelfDestruct(this, 'SelfDestruct', { expiresAt: props.expiresAt });
    Aspects.of(this).add(new DestroyEverything());
  }
}
