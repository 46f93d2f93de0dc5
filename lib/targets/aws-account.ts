import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CDK_JSON_PATH, readCdkJson } from '../cdk/cdk-json';
import { LabInputError } from '../core/errors';

/** cdk.json context key and environment variable that list the accounts labs may deploy to. */
export const ALLOWED_ACCOUNTS_CONTEXT_KEY = 'labkit:allowedAccounts';
export const ALLOWED_ACCOUNTS_ENV = 'LABKIT_ALLOWED_ACCOUNTS';

/**
 * The allow-list: cdk.json's `labkit:allowedAccounts` plus `LABKIT_ALLOWED_ACCOUNTS` (comma-separated).
 *
 * @throws LabInputError when cdk.json is not valid JSON or `labkit:allowedAccounts` is not a list of ids
 */
export function allowedAccounts(env: NodeJS.ProcessEnv = process.env, cdkJsonPath = CDK_JSON_PATH): string[] {
  const fromContext = readCdkJson(cdkJsonPath).context?.[ALLOWED_ACCOUNTS_CONTEXT_KEY];
  const isId = (value: unknown) =>
    typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
  if (fromContext !== undefined && !(Array.isArray(fromContext) && fromContext.every(isId))) {
    throw new LabInputError(
      `${ALLOWED_ACCOUNTS_CONTEXT_KEY} in cdk.json must be a list of account ids, e.g. ["111122223333"] ` +
        `(it is ${JSON.stringify(fromContext)})`,
    );
  }
  const listed = [
    ...((fromContext as unknown[] | undefined) ?? []).map(String),
    ...(env[ALLOWED_ACCOUNTS_ENV] ?? '').split(','),
  ];
  return [...new Set(listed.map((a) => a.trim()).filter(Boolean))];
}

const HOW_TO_ALLOW = (account: string) =>
  `add it to cdk.json ("context": { "${ALLOWED_ACCOUNTS_CONTEXT_KEY}": ["${account}"] }) or export ${ALLOWED_ACCOUNTS_ENV}=${account}`;

/** The refusal for an account that is not on the allow-list: names it, the list, and the fix. */
function notAllowed(account: string, who: string, allowed: string[]): LabInputError {
  return new LabInputError(
    `account ${account} (${who}) is not on the kit's allow-list${allowed.length ? ` (${allowed.join(', ')})` : ' (empty)'}: ` +
      `to deploy labs there, ${HOW_TO_ALLOW(account)}`,
  );
}

/**
 * The check a CDK app makes before it builds anything for a real account: the account the CDK CLI
 * found for the credentials (`CDK_DEFAULT_ACCOUNT`) must be on the allow-list.
 *
 * @throws LabInputError naming the account and how to allow it
 */
export function assertAccountAllowed(
  account: string,
  env: NodeJS.ProcessEnv = process.env,
  cdkJsonPath = CDK_JSON_PATH,
): void {
  const allowed = allowedAccounts(env, cdkJsonPath);
  if (!allowed.includes(account)) throw notAllowed(account, 'the account of your AWS credentials', allowed);
}

/** Error codes of a request that never got an answer: DNS, connection, TLS, timeouts. */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EPROTO',
]);
const UNREACHABLE_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/**
 * Why a request got no answer from AWS (`ENOTFOUND`, `timeout`, ...), or undefined when AWS (or
 * the credential chain) answered: then the credentials are to blame, not the network. Looks at the
 * SDK error, its `code`, `name`, `$metadata` and its `cause` chain.
 */
export function unreachableReason(error: unknown): string | undefined {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') break;
    const code = typeof e.code === 'string' ? e.code : undefined;
    const name = typeof e.name === 'string' ? e.name : undefined;
    // An HTTP status means the service answered: not a network problem.
    if ((e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode) return undefined;
    if (name === 'CredentialsProviderError') return undefined;
    if (code && (UNREACHABLE_CODES.has(code) || TLS_CODE.test(code))) return code;
    if (name && UNREACHABLE_NAMES.has(name)) return name === 'AbortError' ? 'no answer in time' : 'timeout';
    // The SDK may wrap what it cannot recognise as an Error ("AWS SDK error wrapper for Error:
    // connect ECONNREFUSED 127.0.0.1:1"): only the message keeps the code then.
    const inMessage = /\b(E[A-Z_]{3,})\b/.exec(typeof e.message === 'string' ? e.message : '')?.[1];
    if (inMessage && UNREACHABLE_CODES.has(inMessage)) return inMessage;
    e = e.cause as Record<string, unknown> | undefined;
  }
  return undefined;
}

/** The STS endpoint the SDK calls: `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, else the regional one. */
async function stsEndpointHost(sts: STSClient, env: NodeJS.ProcessEnv, error: unknown): Promise<string> {
  const e = error as { hostname?: string; address?: string; port?: number; message?: string };
  if (e.hostname) return e.hostname;
  // "getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com", "connect ECONNREFUSED 127.0.0.1:443"
  const named = /\b(?:getaddrinfo|connect) E[A-Z_]+ (\S+)/.exec(String(e.message ?? ''))?.[1];
  if (named) return named;
  const configured = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  if (configured) {
    try {
      return new URL(configured).host;
    } catch {
      return configured;
    }
  }
  if (e.address) return e.port ? `${e.address}:${e.port}` : e.address;
  const region = await sts.config.region().catch(() => undefined);
  return region ? `sts.${region}.amazonaws.com` : 'sts.amazonaws.com';
}

/**
 * The account the current AWS credentials belong to, if it is on the allow-list; otherwise one
 * clear error: an empty allow-list (before any network call), AWS out of reach, no usable
 * credentials, or an account the user has not allowed (a deploy to the wrong account is the
 * mistake this prevents).
 */
export async function allowedAwsAccount(
  env: NodeJS.ProcessEnv = process.env,
  sts = new STSClient({ maxAttempts: 1 }),
  cdkJsonPath = CDK_JSON_PATH,
): Promise<{ account: string; arn: string }> {
  const allowed = allowedAccounts(env, cdkJsonPath);
  if (allowed.length === 0) {
    throw new LabInputError(
      "the kit's allow-list of AWS accounts is empty: to deploy labs to AWS, add your account id to cdk.json " +
        `("context": { "${ALLOWED_ACCOUNTS_CONTEXT_KEY}": ["<account id>"] }) or export ${ALLOWED_ACCOUNTS_ENV}=<account id> ` +
        '(aws sts get-caller-identity shows it)',
    );
  }
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const reason = unreachableReason(error);
    if (reason) {
      const host = await stsEndpointHost(sts, env, error);
      throw new LabInputError(
        `cannot reach the AWS endpoint ${host} (${reason}): check the network connection and any proxy ` +
          '(HTTPS_PROXY), then try again; or drop --target aws to use the local emulator',
      );
    }
    throw new LabInputError(
      `no usable AWS credentials (${(error as Error).message.split('\n')[0]}): run aws configure or aws sso login, ` +
        'or drop --target aws to use the local emulator',
    );
  }
  const account = identity.Account ?? '?';
  if (!allowed.includes(account)) throw notAllowed(account, identity.Arn ?? '?', allowed);
  return { account, arn: identity.Arn ?? '?' };
}
