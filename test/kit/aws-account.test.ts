import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import { readCdkJson } from '../../lib/cdk/cdk-json';
import { LabInputError } from '../../lib/core/errors';
import { allowedAccounts, allowedAwsAccount, unreachableReason } from '../../lib/targets/aws-account';

const IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::111122223333:user/student</Arn><UserId>AIDEXAMPLE</UserId><Account>111122223333</Account>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
const INVALID_TOKEN =
  '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
  '<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message>' +
  '</Error><RequestId>1</RequestId></ErrorResponse>';

/** A stand-in STS on loopback that records every request; `mode` picks its answer. */
class StandInSts {
  readonly requests: string[] = [];
  mode: 'identity' | 'invalid-token' = 'identity';
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        this.requests.push(`${req.method} ${req.url} ${body}`);
        if (this.mode === 'invalid-token')
          res.writeHead(403, { 'content-type': 'text/xml' }).end(INVALID_TOKEN);
        else res.writeHead(200, { 'content-type': 'text/xml' }).end(IDENTITY);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

let dir: string;
const saved = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-aws-account-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function cdkJson(content: string): string {
  const path = join(dir, `cdk-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return path;
}

/** The LabInputError a call throws (fails the test when it throws something else or nothing). */
async function refusal(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(LabInputError);
    return (error as Error).message;
  }
  throw new Error('expected a LabInputError');
}

describe('allowedAccounts', () => {
  test('merges cdk.json and LABKIT_ALLOWED_ACCOUNTS, trimmed and without duplicates', () => {
    const path = cdkJson(
      JSON.stringify({ context: { 'labkit:allowedAccounts': ['111122223333', 444455556666] } }),
    );
    expect(allowedAccounts({ LABKIT_ALLOWED_ACCOUNTS: ' 777788889999, 111122223333,' }, path)).toEqual([
      '111122223333',
      '444455556666',
      '777788889999',
    ]);
    expect(allowedAccounts({}, cdkJson('{"app": "x"}'))).toEqual([]);
  });

  test('cdk.json that is not valid JSON: one line that says so, no stack trace', async () => {
    const path = cdkJson('{ "context": { "labkit:allowedAccounts": ["111122223333"], } ');
    const message = await refusal(() => allowedAccounts({}, path));
    expect(message).toMatch(
      new RegExp(`^${path.replace(/[.]/g, '\\.')} is not valid JSON \\(.+\\): fix it$`),
    );
    expect(message).not.toContain('\n');
  });

  test('the project cdk.json is named plainly in the message', () => {
    expect(() => readCdkJson()).not.toThrow();
  });

  test.each([
    ['a string', '"1111"'],
    ['an object', '{ "id": "111122223333" }'],
    ['a list with a non-id', '["111122223333", true]'],
  ])('labkit:allowedAccounts that is %s: one line with an example', async (_what, value) => {
    const path = cdkJson(`{ "context": { "labkit:allowedAccounts": ${value} } }`);
    const message = await refusal(() => allowedAccounts({}, path));
    expect(message).toMatch(
      /^labkit:allowedAccounts in cdk\.json must be a list of account ids, e\.g\. \["111122223333"\] \(it is .+\)$/,
    );
  });
});

describe('allowedAwsAccount', () => {
  const sts = new StandInSts();
  beforeAll(() => sts.start());
  afterAll(() => sts.stop());
  beforeEach(() => {
    sts.requests.length = 0;
    sts.mode = 'identity';
    delete process.env.AWS_ENDPOINT_URL;
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: sts.url,
    });
  });
  const emptyCdkJson = () => cdkJson('{ "context": {} }');

  test('an empty allow-list is refused before any network call, with how to add the account', async () => {
    const message = await refusal(() =>
      allowedAwsAccount({}, new STSClient({ maxAttempts: 1 }), emptyCdkJson()),
    );
    expect(message).toBe(
      "the kit's allow-list of AWS accounts is empty: to deploy labs to AWS, add your account id to cdk.json " +
        '("context": { "labkit:allowedAccounts": ["<account id>"] }) or export LABKIT_ALLOWED_ACCOUNTS=<account id> ' +
        '(aws sts get-caller-identity shows it)',
    );
    expect(sts.requests).toEqual([]);
  });

  test('an allowed account passes; another one is refused with the fix', async () => {
    const path = emptyCdkJson();
    await expect(
      allowedAwsAccount({ LABKIT_ALLOWED_ACCOUNTS: '111122223333' }, new STSClient({ maxAttempts: 1 }), path),
    ).resolves.toEqual({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/student' });
    const message = await refusal(() =>
      allowedAwsAccount({ LABKIT_ALLOWED_ACCOUNTS: '444455556666' }, new STSClient({ maxAttempts: 1 }), path),
    );
    expect(message).toMatch(
      /^account 111122223333 \(arn:aws:iam::111122223333:user\/student\) is not on the kit's allow-list \(444455556666\): .*export LABKIT_ALLOWED_ACCOUNTS=111122223333$/,
    );
    expect(sts.requests).toHaveLength(2);
  });

  test('STS out of reach (a closed port): blames the network and names the endpoint, not the credentials', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${port}`;
    const message = await refusal(() =>
      allowedAwsAccount(
        { LABKIT_ALLOWED_ACCOUNTS: '111122223333' },
        new STSClient({ maxAttempts: 1 }),
        emptyCdkJson(),
      ),
    );
    expect(message).toBe(
      `cannot reach the AWS endpoint 127.0.0.1:${port} (ECONNREFUSED): check the network connection and any proxy ` +
        '(HTTPS_PROXY), then try again; or drop --target aws to use the local emulator',
    );
    expect(message).not.toMatch(/credentials/);
  });

  test('offline (DNS fails): names the endpoint host from the error', async () => {
    const offline = {
      send: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), {
          code: 'ENOTFOUND',
          hostname: 'sts.eu-west-1.amazonaws.com',
          $metadata: { attempts: 1 },
        });
      },
    } as unknown as STSClient;
    const message = await refusal(() =>
      allowedAwsAccount({ LABKIT_ALLOWED_ACCOUNTS: '111122223333' }, offline, emptyCdkJson()),
    );
    expect(message).toMatch(
      /^cannot reach the AWS endpoint sts\.eu-west-1\.amazonaws\.com \(ENOTFOUND\): check the network/,
    );
  });

  test('STS answers 403 InvalidClientTokenId: the credentials are blamed', async () => {
    sts.mode = 'invalid-token';
    const message = await refusal(() =>
      allowedAwsAccount(
        { LABKIT_ALLOWED_ACCOUNTS: '111122223333' },
        new STSClient({ maxAttempts: 1 }),
        emptyCdkJson(),
      ),
    );
    expect(message).toBe(
      'no usable AWS credentials (The security token included in the request is invalid.): run aws configure or ' +
        'aws sso login, or drop --target aws to use the local emulator',
    );
    expect(sts.requests).toHaveLength(1);
  });
});

describe('unreachableReason', () => {
  const sdkError = (props: Record<string, unknown>) => Object.assign(new Error('x'), props);

  test.each([
    [
      'getaddrinfo ENOTFOUND',
      sdkError({ code: 'ENOTFOUND', hostname: 'sts.us-east-1.amazonaws.com' }),
      'ENOTFOUND',
    ],
    ['DNS try again', sdkError({ code: 'EAI_AGAIN' }), 'EAI_AGAIN'],
    ['connect ETIMEDOUT', sdkError({ code: 'ETIMEDOUT', $metadata: { attempts: 1 } }), 'ETIMEDOUT'],
    ['the SDK timeout', sdkError({ name: 'TimeoutError' }), 'timeout'],
    ['our abort signal', sdkError({ name: 'AbortError' }), 'no answer in time'],
    [
      'a cause deeper down',
      sdkError({ name: 'Error', cause: sdkError({ code: 'ECONNRESET' }) }),
      'ECONNRESET',
    ],
    [
      'an error the SDK wrapped',
      new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com'),
      'ENOTFOUND',
    ],
    ['a proxy certificate', sdkError({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'SELF_SIGNED_CERT_IN_CHAIN'],
  ])('%s is a network problem', (_what, error, reason) => {
    expect(unreachableReason(error)).toBe(reason);
  });

  test.each([
    ['no credentials', sdkError({ name: 'CredentialsProviderError' })],
    ['an expired token', sdkError({ name: 'ExpiredToken', $metadata: { httpStatusCode: 400 } })],
    ['an invalid key', sdkError({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } })],
    [
      'an answer with a network-looking code',
      sdkError({ code: 'ETIMEDOUT', $metadata: { httpStatusCode: 503 } }),
    ],
  ])('%s is a credentials problem', (_what, error) => {
    expect(unreachableReason(error)).toBeUndefined();
  });
});
