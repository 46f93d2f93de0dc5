import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import type { Template } from 'aws-cdk-lib/assertions';
import { LabInputError } from '../../lib/errors';
import {
  AL2023_AMI_PARAMETER,
  compatibilityStepsFor,
  DEFERRED_RULES_METADATA_KEY,
  MINISTACK_AL2023_AMI_PARAMETER,
  toIpPermission,
} from '../../lib/targets/compatibility';
import { probeEmulator } from '../../lib/targets/emulator-probe';
import { emulatorPort, useLocalEndpoint } from '../../lib/targets/local-endpoint';
import { findPython } from '../../lib/targets/ministack-host';
import { parseTarget, targetFromContext } from '../../lib/targets/target';
import { labTemplate } from '../support/synth';

function templateFor(labId: string, target: 'aws' | 'ministack') {
  return labTemplate(labId, { target });
}

describe('compatibility steps', () => {
  test('are named, explained and exist only for MiniStack so far', () => {
    expect(compatibilityStepsFor('aws')).toEqual([]);
    expect(compatibilityStepsFor('localstack')).toEqual([]);
    for (const step of compatibilityStepsFor('ministack')) {
      expect(step.name).toMatch(/^[a-z0-9-]+$/);
      expect(step.why.length).toBeGreaterThan(40);
    }
  });

  test.each(['lab-01', 'lab-03'])(
    '%s on ministack: standalone security group rules move to template metadata',
    (labId) => {
      const aws = templateFor(labId, 'aws');
      const standalone =
        Object.keys(aws.findResources('AWS::EC2::SecurityGroupIngress')).length +
        Object.keys(aws.findResources('AWS::EC2::SecurityGroupEgress')).length;
      expect(standalone).toBeGreaterThan(0);
      expect(aws.toJSON().Metadata?.[DEFERRED_RULES_METADATA_KEY]).toBeUndefined();

      const mini = templateFor(labId, 'ministack');
      expect(mini.findResources('AWS::EC2::SecurityGroupIngress')).toEqual({});
      expect(mini.findResources('AWS::EC2::SecurityGroupEgress')).toEqual({});
      expect(mini.toJSON().Metadata[DEFERRED_RULES_METADATA_KEY]).toHaveLength(standalone);
    },
  );

  test('lab-03 on ministack reads the AL2023 AMI from the parameter MiniStack serves', () => {
    const defaults = (t: Template) =>
      Object.values(t.toJSON().Parameters as Record<string, { Default?: string }>).map((p) => p.Default);
    expect(defaults(templateFor('lab-03', 'aws'))).toContain(AL2023_AMI_PARAMETER);
    const mini = defaults(templateFor('lab-03', 'ministack'));
    expect(mini).toContain(MINISTACK_AL2023_AMI_PARAMETER);
    expect(mini).not.toContain(AL2023_AMI_PARAMETER);
  });

  test('a deferred rule becomes the same EC2 permission, with group references resolved', () => {
    const ids = new Map([
      ['ServiceSg', 'sg-service'],
      ['ForwarderSg', 'sg-forwarder'],
    ]);
    const permission = toIpPermission(
      {
        direction: 'ingress',
        properties: {
          GroupId: { 'Fn::GetAtt': ['ServiceSg', 'GroupId'] },
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          SourceSecurityGroupId: { 'Fn::GetAtt': ['ForwarderSg', 'GroupId'] },
          Description: 'HTTP from the forwarder only',
        },
      },
      ids,
    );
    expect(permission).toEqual({
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      UserIdGroupPairs: [{ GroupId: 'sg-forwarder', Description: 'HTTP from the forwarder only' }],
    });
  });
});

describe('targets', () => {
  test('plain cdk picks ministack when AWS_ENDPOINT_URL is on this machine, aws otherwise', () => {
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('ministack');
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'http://localhost:4566/' })).toBe('ministack');
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'https://sqs.eu-west-1.amazonaws.com' })).toBe(
      'aws',
    );
    expect(targetFromContext(undefined, {})).toBe('aws');
    expect(targetFromContext('localstack', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('localstack');
  });

  test('a bad target names the allowed ones', () => {
    expect(() => parseTarget('mars')).toThrow(
      new LabInputError('--target mars is not a target; use one of: aws, ministack, localstack'),
    );
  });

  test('the emulator port comes from LABKIT_EMULATOR_PORT and is checked', () => {
    expect(emulatorPort({})).toBe(4566);
    expect(emulatorPort({ LABKIT_EMULATOR_PORT: '4571' })).toBe(4571);
    expect(() => emulatorPort({ LABKIT_EMULATOR_PORT: 'http' })).toThrow(/not a port number/);
  });

  test('a local target can never fall through to a real account', () => {
    const env: NodeJS.ProcessEnv = {
      AWS_PROFILE: 'prod',
      AWS_SESSION_TOKEN: 'real',
      AWS_ACCESS_KEY_ID: 'AKIA...',
    };
    useLocalEndpoint(env);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'test', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
  });

  test('a missing Python is one clear line with the fix', () => {
    expect(() => findPython(['no-such-python-here'])).toThrow(
      /Python 3\.10 or newer was not found on PATH.*apt install python3 python3-venv.*docker compose/,
    );
  });
});

describe('what answers on the emulator port', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  async function serve(handler: (path: string) => [number, unknown]): Promise<string> {
    const server = createServer((req, res) => {
      const [status, body] = handler(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test("MiniStack answers its own health path (and LocalStack's, with the same body)", async () => {
    const url = await serve((path) =>
      path === '/_ministack/health' || path === '/_localstack/health'
        ? [200, { services: { sqs: 'available' }, version: '1.5.33' }]
        : [404, {}],
    );
    expect(await probeEmulator(url)).toEqual({ kind: 'ministack', version: '1.5.33' });
  });

  test("LocalStack answers only LocalStack's", async () => {
    const url = await serve((path) =>
      path === '/_localstack/health' ? [200, { services: { sqs: 'running' }, version: '4.14.0' }] : [404, {}],
    );
    expect(await probeEmulator(url)).toEqual({ kind: 'localstack', version: '4.14.0' });
  });

  test('LocalStack whose first answer on an unknown path is slow is still LocalStack', async () => {
    // LocalStack loads its S3 provider to answer /_ministack/health the first time (seconds).
    const server = createServer((req, res) => {
      const answer = () =>
        res
          .writeHead(req.url === '/_localstack/health' ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ services: { s3: 'running' }, version: '4.13.1' }));
      if (req.url === '/_localstack/health') answer();
      else setTimeout(answer, 3000);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await probeEmulator(url)).toEqual({ kind: 'localstack', version: '4.13.1' });
  });

  test('another web server is not an emulator', async () => {
    const url = await serve(() => [404, { message: 'not here' }]);
    expect((await probeEmulator(url)).kind).toBe('other');
  });

  test('a silent TCP listener is not an emulator either', async () => {
    const server = createTcpServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      expect((await probeEmulator(`http://127.0.0.1:${port}`, 300)).kind).toBe('other');
    } finally {
      server.close();
    }
  });

  test('a closed port is nothing', async () => {
    const url = await serve(() => [200, {}]);
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await probeEmulator(url)).toEqual({ kind: 'nothing' });
  });
});
