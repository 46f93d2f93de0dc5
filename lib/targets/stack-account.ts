import type { Target } from '../lab/catalogue';
import { LOCAL_ACCOUNT_ID } from './local-endpoint';
import { isLocalTarget } from './target';

/**
 * The account an AWS-target stack is pinned to when no allowed account was known at synth time
 * (offline synth, no credentials). It is no account id, so the CDK CLI finds no credentials for it
 * and refuses a pre-built assembly (`cdk deploy --app <dir>`) wherever it is sent: the allow-list
 * is checked when the app runs, and `--app <dir>` never runs it. The CLI's refusal quotes it.
 */
export const NO_ALLOWED_ACCOUNT = 'synthesize-again-with-credentials-of-an-allowed-account';

/**
 * The account a lab's stack is built for; it goes into the cloud assembly's manifest, and the CDK
 * CLI deploys, diffs and destroys a stack only with credentials for that account (or a role it can
 * assume there). Local targets: the emulators' account, which no real AWS account has. AWS: the
 * allowed account the app was synthesized for, else {@link NO_ALLOWED_ACCOUNT}.
 */
export function stackAccount(target: Target, allowedAccount: string | undefined): string {
  if (isLocalTarget(target)) return LOCAL_ACCOUNT_ID;
  return allowedAccount ?? NO_ALLOWED_ACCOUNT;
}
