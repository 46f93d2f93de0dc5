import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { LabInputError } from '../errors';
import { PROJECT_ROOT } from '../paths';

/** cdk.json context key and environment variable that list the accounts labs may deploy to. */
export const ALLOWED_ACCOUNTS_CONTEXT_KEY = 'labkit:allowedAccounts';
export const ALLOWED_ACCOUNTS_ENV = 'LABKIT_ALLOWED_ACCOUNTS';

/** The allow-list: cdk.json's `labkit:allowedAccounts` plus `LABKIT_ALLOWED_ACCOUNTS` (comma-separated). */
export function allowedAccounts(
  env: NodeJS.ProcessEnv = process.env,
  cdkJsonPath = join(PROJECT_ROOT, 'cdk.json'),
): string[] {
  const context = (JSON.parse(readFileSync(cdkJsonPath, 'utf8')) as { context?: Record<string, unknown> })
    .context;
  const fromContext = context?.[ALLOWED_ACCOUNTS_CONTEXT_KEY];
  const listed = [
    ...(Array.isArray(fromContext) ? fromContext.map(String) : []),
    ...(env[ALLOWED_ACCOUNTS_ENV] ?? '').split(','),
  ];
  return [...new Set(listed.map((a) => a.trim()).filter(Boolean))];
}

const HOW_TO_ALLOW = (account: string) =>
  `add it to cdk.json ("context": { "${ALLOWED_ACCOUNTS_CONTEXT_KEY}": ["${account}"] }) or export ${ALLOWED_ACCOUNTS_ENV}=${account}`;

/**
 * The account the current AWS credentials belong to, if it is on the allow-list; otherwise one
 * clear error: no credentials, or an account the user has not allowed (a deploy to the wrong
 * account is the mistake this prevents).
 */
export async function allowedAwsAccount(
  env: NodeJS.ProcessEnv = process.env,
  sts = new STSClient({ maxAttempts: 1 }),
): Promise<{ account: string; arn: string }> {
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new LabInputError(
      `no usable AWS credentials (${(error as Error).message.split('\n')[0]}): run aws configure or aws sso login, ` +
        'or drop --target aws to use the local emulator',
    );
  }
  const account = identity.Account ?? '?';
  const allowed = allowedAccounts(env);
  if (!allowed.includes(account)) {
    throw new LabInputError(
      `account ${account} (${identity.Arn}) is not on the kit's allow-list${allowed.length ? ` (${allowed.join(', ')})` : ' (empty)'}: ` +
        `to deploy labs there, ${HOW_TO_ALLOW(account)}`,
    );
  }
  return { account, arn: identity.Arn ?? '?' };
}
