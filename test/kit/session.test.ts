import { awsSession, emulatorSession, sessionEnvironment, sessionFor } from '../../lib/targets/session';

/**
 * A session carries the target (issue 23, section 4): the endpoint, region and credentials a
 * command uses are decided once and passed down, never written into process.env.
 */
describe('sessions', () => {
  test('an emulator session carries its endpoint, region and dummy keys for SDK clients', () => {
    const session = emulatorSession('localstack', { LABKIT_EMULATOR_PORT: '4571' });
    expect(session).toMatchObject({
      kind: 'emulator',
      target: 'localstack',
      port: 4571,
      endpoint: 'http://127.0.0.1:4571',
      clientConfig: {
        endpoint: 'http://127.0.0.1:4571',
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
    });
  });

  test('an AWS session leaves credentials and endpoint to the SDK and keeps the environment as it is', () => {
    const base = { AWS_PROFILE: 'study', AWS_REGION: 'eu-west-1' };
    const session = awsSession('111122223333', base);
    expect(session).toMatchObject({
      kind: 'aws',
      target: 'aws',
      account: '111122223333',
      region: 'eu-west-1',
    });
    expect(session.clientConfig).toEqual({});
    expect(sessionEnvironment(session, base)).toEqual(base);
    expect(sessionFor('aws', base).kind).toBe('aws');
  });

  test('a port that is not a number is refused when the session is made', () => {
    expect(() => emulatorSession('ministack', { LABKIT_EMULATOR_PORT: 'x' })).toThrow(/not a port number/);
  });
});

test('no code of the kit writes into process.env (a session carries the target)', () => {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  // Assignments, deletions and Object.assign onto process.env, in lib/ and bin/. Not the runtime
  // LocalStack starts for each function (its own process, which sets a function's environment).
  const pattern = String.raw`process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*=[^=]|delete process\.env|Object\.assign\(process\.env`;
  let found = '';
  try {
    found = execFileSync('grep', ['-rnE', '--exclude=host_runtime.cjs', pattern, 'lib', 'bin'], {
      cwd: `${__dirname}/../..`,
      encoding: 'utf8',
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error; // 1: no match
  }
  expect(found).toBe('');
});
