/**
 * The MiniStack host process, on loopback without MiniStack: a fake venv whose `python` runs a tiny
 * Node server that answers the health checks (and records its environment), fake `python3`
 * programs on PATH, and the real request guard run by the system's python3.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { LabInputError } from '../../lib/core/errors';
import { ensurePrivateDir, PROJECT_ROOT, writePrivateFile } from '../../lib/core/paths';
import { stateLockPath, withStateLock } from '../../lib/core/state-lock';
import { probeEmulator } from '../../lib/targets/emulator-probe';
import { findFunctionNode } from '../../lib/targets/function-node';
import { emulatorUrl } from '../../lib/targets/local-endpoint';
import {
  deployLockName,
  emulatorEnvironment,
  emulatorTmpDir,
  installMiniStack,
  kitEmulatorKind,
  MINISTACK_REQUIREMENTS,
  MINISTACK_VERSION,
  miniStackPaths,
  requirementsHash,
  startEmulator,
  stopEmulator,
  venvState,
} from '../../lib/targets/ministack-host';

const mode = (path: string) => statSync(path).mode & 0o777;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const FAKE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
fs.writeFileSync(process.argv[2] + '.env.json', JSON.stringify(process.env));
http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  // As MiniStack's health does: auth enabled when started with AUTH=true.
  res.end(JSON.stringify({ services: { s3: 'running' }, version: '${MINISTACK_VERSION}', auth: process.env.AUTH === 'true' ? 'enabled' : 'disabled' }));
}).listen(port, '127.0.0.1');
`;

/** A state dir whose venv looks installed; its python serves the health checks instead of MiniStack. */
function fakeInstalledStateDir(root: string): string {
  const stateDir = join(root, 'state');
  const paths = miniStackPaths(stateDir, 1);
  mkdirSync(join(paths.venv, 'bin'), { recursive: true });
  const server = join(root, 'fake-server.js');
  writeFileSync(server, FAKE_SERVER);
  // `-c ...` (the install checks) succeed; the launcher runs as the fake server, keeping the
  // venv python and launcher arguments on its command line as the real one does.
  writeFileSync(
    paths.python,
    `#!/bin/sh\ncase "$1" in -c) echo ${MINISTACK_VERSION}; exit 0 ;; esac\nexec node ${JSON.stringify(server)} "$0" "$@"\n`,
  );
  chmodSync(paths.python, 0o755);
  writeFileSync(paths.stamp, `${requirementsHash()}\n`);
  return stateDir;
}

let root: string;
let savedPort: string | undefined;
const spawned: ChildProcess[] = [];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ministack-host-'));
  savedPort = process.env.LABKIT_EMULATOR_PORT;
  process.env.LABKIT_EMULATOR_PORT = String(await freePort());
});

afterEach(async () => {
  for (const child of spawned.splice(0)) child.kill('SIGKILL');
  const paths = miniStackPaths(join(root, 'state'));
  if (existsSync(paths.pidFile)) await stopEmulator(() => {}, paths).catch(() => {});
  if (savedPort === undefined) delete process.env.LABKIT_EMULATOR_PORT;
  else process.env.LABKIT_EMULATOR_PORT = savedPort;
  rmSync(root, { recursive: true, force: true });
});

describe('the emulator process', () => {
  test("gets a clean environment: none of the user's AWS credentials, profile or session", async () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    const secrets = {
      AWS_ACCESS_KEY_ID: 'AKIAREALUSERKEY',
      AWS_SECRET_ACCESS_KEY: 'real-secret-of-the-user',
      AWS_SESSION_TOKEN: 'real-session-token',
      AWS_PROFILE: 'my-sso-profile',
      GITHUB_TOKEN: 'ghp_unrelated_secret',
    };
    const saved = Object.fromEntries(Object.keys(secrets).map((key) => [key, process.env[key]]));
    Object.assign(process.env, secrets);
    try {
      const started = await startEmulator(() => {}, { paths });
      expect(started.startedByKit).toBe(true);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    const env = JSON.parse(readFileSync(`${paths.python}.env.json`, 'utf8')) as Record<string, string>;
    const values = Object.values(env).join('\n');
    for (const secret of Object.values(secrets)) expect(values).not.toContain(secret);
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      BIND_HOST: '127.0.0.1',
      // The launcher (and LocalStack's plugin) live in lib/targets: no __pycache__ written there.
      PYTHONDONTWRITEBYTECODE: '1',
    });
    // The user's PATH, after the Node 24 that runs the functions (nodejs24.x).
    const functionNode = findFunctionNode();
    expect(env.PATH).toBe(
      functionNode ? `${functionNode.binDir}${delimiter}${process.env.PATH}` : process.env.PATH,
    );
    expect(await stopEmulator(() => {}, paths)).toBe('stopped');
  });

  test('emulatorEnvironment passes only what the emulator needs', () => {
    const env = emulatorEnvironment(4571, miniStackPaths(root, 4571), {
      PATH: '/usr/bin',
      HOME: '/home/u',
      AWS_PROFILE: 'p',
      AWS_SECRET_ACCESS_KEY: 's',
      NODE_OPTIONS: '--require /tmp/evil.js',
    });
    expect(Object.keys(env).sort()).toEqual(
      [
        'PATH',
        'HOME',
        'GATEWAY_PORT',
        'BIND_HOST',
        'MINISTACK_REGION',
        'LOG_LEVEL',
        'IOT_MTLS_ENABLED',
        'SFTP_ENABLED',
        'AUTH',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_REGION',
        'AWS_DEFAULT_REGION',
        'AWS_CONFIG_FILE',
        'AWS_SHARED_CREDENTIALS_FILE',
        'PYTHONUNBUFFERED',
        'PYTHONDONTWRITEBYTECODE',
        'TMPDIR',
      ].sort(),
    );
    expect(env.GATEWAY_PORT).toBe('4571');
    // IAM enforced: the root key is the kit's own `test`, every other principal is evaluated.
    expect(env).toMatchObject({ AUTH: 'true', AWS_ACCESS_KEY_ID: 'test' });
    // Function code is unpacked in a private directory that `labs down` removes.
    expect(env.TMPDIR).toBe(emulatorTmpDir(miniStackPaths(root, 4571), 4571));
  });
});

describe('state under .labs/ is private to the user', () => {
  test('directories 0700 (an existing 0755 one too), pid file and log 0600', async () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    chmodSync(stateDir, 0o755);
    chmodSync(paths.dir, 0o755);
    writeFileSync(paths.log, 'old log', { mode: 0o644 });
    chmodSync(paths.log, 0o644);
    await startEmulator(() => {}, { paths });
    expect(mode(stateDir)).toBe(0o700);
    expect(mode(paths.dir)).toBe(0o700);
    expect(mode(paths.pidFile)).toBe(0o600);
    expect(mode(paths.log)).toBe(0o600);
  });

  test('helpers: ensurePrivateDir tightens, writePrivateFile writes 0600, a held lock is 0700', async () => {
    const dir = join(root, 'a', 'b');
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    chmodSync(dir, 0o777);
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    const file = join(dir, 'f');
    writeFileSync(file, 'x', { mode: 0o666 });
    chmodSync(file, 0o666);
    writePrivateFile(file, 'y');
    expect(mode(file)).toBe(0o600);
    await withStateLock('probe', async () => expect(mode(stateLockPath('probe', dir))).toBe(0o700), {
      stateDir: dir,
    });
    expect(existsSync(stateLockPath('probe', dir))).toBe(false);
  });
});

describe('starting is serialized', () => {
  // Two processes starting at once, for real (one MiniStack, both healthy, the pid file names it):
  // test/e2e/emulator-host.e2e.test.ts.

  test('a lock left by a killed process does not block for ever', async () => {
    const stateDir = join(root, 'state');
    ensurePrivateDir(stateDir);
    const lock = stateLockPath('stale-test', stateDir);
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    require('node:fs').utimesSync(lock, old, old);
    await expect(withStateLock('stale-test', async () => 'ran', { stateDir })).resolves.toBe('ran');
  });
});

describe('stopEmulator checks the pid file', () => {
  test('a pid file naming an unrelated live process: not signalled, not "stopped", file removed', async () => {
    const paths = miniStackPaths(join(root, 'state'));
    ensurePrivateDir(paths.dir);
    const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
    spawned.push(unrelated);
    writeFileSync(paths.pidFile, String(unrelated.pid));
    const lines: string[] = [];
    const result = await stopEmulator((line) => lines.push(line), paths);
    expect(result).not.toBe('stopped');
    expect(unrelated.exitCode).toBeNull();
    expect(unrelated.signalCode).toBeNull();
    expect(() => process.kill(unrelated.pid as number, 0)).not.toThrow();
    expect(existsSync(paths.pidFile)).toBe(false);
    expect(lines.join('\n')).toContain('not the kit');
  });

  test('an emulator started by an older kit (-m ministack) is recognized by its GATEWAY_PORT', async () => {
    const port = Number(process.env.LABKIT_EMULATOR_PORT);
    const paths = miniStackPaths(join(root, 'state'), port);
    mkdirSync(join(paths.venv, 'bin'), { recursive: true });
    // Its command line reads `<venv>/bin/python -e ... -- -m ministack`, like the old one.
    symlinkSync(process.execPath, paths.python);
    const legacy = (gatewayPort: number) => {
      const child = spawn(paths.python, ['-e', 'setInterval(() => {}, 1000)', '--', '-m', 'ministack'], {
        stdio: 'ignore',
        env: { ...process.env, GATEWAY_PORT: String(gatewayPort) },
      });
      spawned.push(child);
      return child;
    };
    const other = legacy(port + 1);
    const ours = legacy(port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kitEmulatorKind(ours.pid as number, paths, port)).toBe('legacy');
    expect(kitEmulatorKind(other.pid as number, paths, port)).toBeUndefined();
    writeFileSync(paths.pidFile, String(other.pid));
    expect(await stopEmulator(() => {}, paths)).not.toBe('stopped');
    expect(other.exitCode).toBeNull();
    writeFileSync(paths.pidFile, String(ours.pid));
    expect(await stopEmulator(() => {}, paths)).toBe('stopped');
  });

  test('a deploy running on the port: down refuses with one line, the emulator keeps running (issue 22)', async () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    const port = Number(process.env.LABKIT_EMULATOR_PORT);
    await startEmulator(() => {}, { paths });
    await withStateLock(
      deployLockName(port),
      async () => {
        await expect(stopEmulator(() => {}, paths)).rejects.toThrow(
          new LabInputError(
            `npx labs deploy (pid ${process.pid}) is using the emulator on port ${port}: let it finish, ` +
              'or stop it with Ctrl-C, then run npx labs down again',
          ),
        );
        expect((await probeEmulator(emulatorUrl(), 1000)).kind).toBe('ministack');
      },
      { stateDir },
    );
    // The deploy is done: down stops it.
    expect(await stopEmulator(() => {}, paths)).toBe('stopped');
  });

  test('a deploy whose lock looks stale (a blocked event loop) still stops down while it lives; the lock of a dead one is removed', async () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    const port = Number(process.env.LABKIT_EMULATOR_PORT);
    await startEmulator(() => {}, { paths });
    const lockOf = (pid: number) => stateLockPath(deployLockName(port, pid), stateDir);
    const old = new Date(Date.now() - 60_000);
    mkdirSync(lockOf(process.pid));
    utimesSync(lockOf(process.pid), old, old);
    await expect(stopEmulator(() => {}, paths)).rejects.toThrow(`npx labs deploy (pid ${process.pid})`);
    rmSync(lockOf(process.pid), { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    mkdirSync(lockOf(gone));
    utimesSync(lockOf(gone), old, old);
    expect(await stopEmulator(() => {}, paths)).toBe('stopped');
    expect(existsSync(lockOf(gone))).toBe(false);
  });

  test('.labs deleted: the running emulator is found by its command line and stopped (issue 22)', async () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    const started = await startEmulator(() => {}, { paths });
    expect(started.startedByKit).toBe(true);
    rmSync(stateDir, { recursive: true, force: true });
    const lines: string[] = [];
    try {
      expect(await stopEmulator((line) => lines.push(line), paths)).toBe('stopped');
      expect(lines).toEqual([`stopping MiniStack (pid ${started.pid})`]);
      expect((await probeEmulator(emulatorUrl(), 1000)).kind).toBe('nothing');
    } finally {
      // Left running only when the stop failed (checked by its command line: a pid can be reused).
      const pid = started.pid as number;
      if (kitEmulatorKind(pid, paths, Number(process.env.LABKIT_EMULATOR_PORT))) process.kill(pid, 'SIGKILL');
    }
  });
});

/** A directory holding a fake `python3`, first on PATH for the duration of `fn`. */
async function withFakePython3(script: string, fn: () => Promise<void>): Promise<void> {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'python3'), `#!/bin/sh\n${script}`);
  chmodSync(join(bin, 'python3'), 0o755);
  const savedPath = process.env.PATH;
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  try {
    await fn();
  } finally {
    process.env.PATH = savedPath;
  }
}

// Debian's python3 without python3-venv: `venv` imports, `ensurepip` does not, and `-m venv`
// leaves a venv without pip behind, printing the apt hint in the middle of its message.
const DEBIAN_PYTHON = `
case "$1" in
  --version) echo "Python 3.11.2"; exit 0 ;;
  -c) echo "ModuleNotFoundError: No module named 'ensurepip'" >&2; exit 1 ;;
  -m) mkdir -p "$3/bin"; ln -sf /bin/false "$3/bin/python"
      printf 'The virtual environment was not created successfully because ensurepip is not\\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\\npackage using the following command.\\n\\n    apt install python3.11-venv\\n\\nYou may need to use sudo with that command.  After installing the python3-venv\\npackage, recreate your virtual environment.\\n\\nFailing command: %s/bin/python3\\n' "$3"
      exit 1 ;;
esac
exit 1
`;

describe('installing MiniStack', () => {
  test('without python3-venv: one LabInputError with the apt hint, no venv left', async () => {
    const paths = miniStackPaths(join(root, 'state'));
    await withFakePython3(DEBIAN_PYTHON, async () => {
      const failure = installMiniStack(() => {}, paths);
      await expect(failure).rejects.toBeInstanceOf(LabInputError);
      await expect(installMiniStack(() => {}, paths)).rejects.toThrow(/sudo apt install python3\.11-venv/);
    });
    expect(existsSync(paths.venv)).toBe(false);
  });

  test('a venv whose creation fails is removed, and the apt hint survives', async () => {
    const paths = miniStackPaths(join(root, 'state'));
    // Passes the import check but fails like Debian's when creating the venv.
    const script = DEBIAN_PYTHON.replace(
      `-c) echo "ModuleNotFoundError: No module named 'ensurepip'" >&2; exit 1 ;;`,
      '-c) exit 0 ;;',
    );
    await withFakePython3(script, async () => {
      await expect(installMiniStack(() => {}, paths)).rejects.toThrow(/python3\.11-venv/);
    });
    expect(existsSync(paths.venv)).toBe(false);
  });

  test('creates the venv and runs pip with PYTHONDONTWRITEBYTECODE=1 (no __pycache__ in the source tree)', async () => {
    const paths = miniStackPaths(join(root, 'state'));
    const calls = join(root, 'calls');
    // Each python records its arguments and PYTHONDONTWRITEBYTECODE; the venv's python accepts everything.
    const record = `echo $1 $2 bytecode=$PYTHONDONTWRITEBYTECODE >> ${calls}`;
    const python = `
${record}
case "$1" in
  --version) echo "Python 3.12.3"; exit 0 ;;
  -c) exit 0 ;;
  -m) mkdir -p "$3/bin"; printf '#!/bin/sh\\n${record}\\necho ${MINISTACK_VERSION}\\n' > "$3/bin/python"; chmod 755 "$3/bin/python"; exit 0 ;;
esac
exit 1
`;
    const saved = process.env.PYTHONDONTWRITEBYTECODE;
    delete process.env.PYTHONDONTWRITEBYTECODE; // the user's environment need not set it
    try {
      await withFakePython3(python, () => installMiniStack(() => {}, paths));
    } finally {
      if (saved !== undefined) process.env.PYTHONDONTWRITEBYTECODE = saved;
    }
    const lines = readFileSync(calls, 'utf8').trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining(['-m venv bytecode=1', '-m pip bytecode=1']));
  });

  test('a half-built venv (python present, pip broken) is rebuilt on the next install', async () => {
    const paths = miniStackPaths(join(root, 'state'));
    mkdirSync(join(paths.venv, 'bin'), { recursive: true });
    writeFileSync(paths.python, '#!/bin/sh\nexit 1\n');
    chmodSync(paths.python, 0o755);
    writeFileSync(join(paths.venv, 'left-over'), '');
    expect(venvState(paths)).toBe('broken');
    // A working python3 whose venv's python accepts everything (pip install included).
    const good = `
case "$1" in
  --version) echo "Python 3.12.3"; exit 0 ;;
  -c) exit 0 ;;
  -m) mkdir -p "$3/bin"; printf '#!/bin/sh\\necho ${MINISTACK_VERSION}\\n' > "$3/bin/python"; chmod 755 "$3/bin/python"; exit 0 ;;
esac
exit 1
`;
    const lines: string[] = [];
    await withFakePython3(good, () => installMiniStack((line) => lines.push(line), paths));
    expect(lines.join('\n')).toMatch(/incomplete.*rebuilding/);
    expect(existsSync(join(paths.venv, 'left-over'))).toBe(false);
    expect(readFileSync(paths.stamp, 'utf8').trim()).toBe(requirementsHash());
    expect(venvState(paths)).toBe('ready');
  });

  test('a venv installed the old way (no requirements stamp) is upgraded', () => {
    const stateDir = fakeInstalledStateDir(root);
    const paths = miniStackPaths(stateDir);
    expect(venvState(paths)).toBe('ready');
    rmSync(paths.stamp);
    expect(venvState(paths)).toBe('outdated');
    writeFileSync(paths.stamp, 'another-hash\n');
    expect(venvState(paths)).toBe('outdated');
  });
});

describe('the pinned requirements', () => {
  test('pin every package with == and sha256 hashes, and MiniStack at MINISTACK_VERSION', () => {
    const text = readFileSync(MINISTACK_REQUIREMENTS, 'utf8');
    const entries = text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(entries.length).toBeGreaterThan(10);
    const names: string[] = [];
    for (const entry of entries) {
      expect(entry).toMatch(/^[A-Za-z0-9._-]+==[A-Za-z0-9.+-]+( ;[^-]+)? +--hash=sha256:[0-9a-f]{64}/);
      for (const hash of entry.match(/--hash=\S+/g) ?? [])
        expect(hash).toMatch(/^--hash=sha256:[0-9a-f]{64}$/);
      names.push(entry.split('==')[0].toLowerCase());
    }
    expect(entries).toContainEqual(
      expect.stringMatching(new RegExp(`^ministack==${MINISTACK_VERSION.replace(/\./g, '\\.')} `)),
    );
    // Not declared by MiniStack but imported by it (CBOR requests): FINDINGS.md.
    expect(names).toEqual(expect.arrayContaining(['ministack', 'botocore', 'hypercorn', 'cbor2']));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the request guard (ministack_launcher.py, run by python3)', () => {
  type Case = [method: string, headers: Record<string, string>, path?: string, query?: string];
  const host = '127.0.0.1:4566';
  // What the SDKs, the CLI and the CDK send (the guard checks that a signature is there, not that it is right).
  const sigv4 =
    'AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=0a1b';
  const presigned = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261207&X-Amz-Signature=0a1b';
  const token = '3f1c2b9e-8d4a-4c2e-9f10-5a6b7c8d9e0f';
  const allowed: Case[] = [
    ['POST', { host, 'content-type': 'application/x-amz-json-1.0', authorization: sigv4 }],
    ['GET', { host: 'localhost:4566' }],
    ['GET', { host: 'localhost' }],
    ['GET', { host: '127.0.0.2:4566' }],
    ['GET', { host: '[::1]:4566' }],
    ['GET', { host: 'my-alb.alb.localhost:4566' }],
    ['GET', { host: 'abc123.execute-api.localhost:4566' }],
    ['PUT', { host: 'bucket.s3.localhost.localstack.cloud:4566', authorization: sigv4 }],
    ['POST', { host: 'localhost.localstack.cloud:4566', authorization: sigv4 }],
    ['GET', { host, origin: 'http://localhost:3000' }],
    ['GET', { host, origin: 'https://127.0.0.1' }],
    ['GET', { host, origin: 'http://[::1]:8080' }],
    ['GET', { host, origin: 'http://app.localhost:5173' }],
    ['GET', { host, 'sec-fetch-site': 'same-origin' }],
    ['GET', { host, 'sec-fetch-mode': 'cors' }],
    ['OPTIONS', { host }],
    ['GET', {}],
    // Reads by GET, and writes through a presigned URL (cdk-assets, the SDK's presigner).
    ['HEAD', { host }, '/bucket/key'],
    ['GET', { host }, '/', 'Action=ListQueues'],
    ['GET', { host }, '/000000000000/q', 'Action=GetQueueAttributes&AttributeName.1=All'],
    ['GET', { host }, '/', 'Action=DescribeInstances'],
    ['PUT', { host }, '/bucket/key', presigned],
    ['GET', { host }, '/', `Action=SendMessage&${presigned}`],
    // MiniStack's stand-ins for CloudFormation's presigned response and signal URLs.
    ['PUT', { host }, `/_ministack/cfn-response/${token}`],
    ['PUT', { host }, `/_ministack/cfn-signal/${token}`],
    // A deployed load balancer's data plane (lab-01's function POSTs to its internal service).
    ['POST', { host, 'content-type': 'application/json' }, '/_alb/lab-01-internal/events'],
  ];
  const refused: Case[] = [
    ['POST', { host, 'content-type': 'text/plain', origin: 'https://evil.example', authorization: sigv4 }],
    ['POST', { host, origin: 'null', authorization: sigv4 }],
    ['GET', { host, origin: 'http://localhost.evil.example' }],
    ['GET', { host, origin: 'http://127.0.0.1.nip.io' }],
    ['GET', { host, origin: 'file://' }],
    ['GET', { host, origin: 'http://localhost.localstack.cloud' }],
    ['GET', { host: 'evil.example:4571' }],
    ['GET', { host: 'localhost.evil.example:4566' }],
    ['GET', { host: '127.0.0.1.nip.io:4566' }],
    ['GET', { host: '10.0.0.5:4566' }],
    ['GET', { host: '[::2]:4566' }],
    ['GET', { host, 'sec-fetch-site': 'cross-site' }],
    ['OPTIONS', { host, 'access-control-request-method': 'POST' }],
    // An old browser's form: text/plain, no Origin, no Sec-Fetch-Site, no Authorization.
    ['POST', { host, 'content-type': 'text/plain' }, '/2015-03-31/functions'],
    ['PUT', { host }, '/bucket/key'],
    ['DELETE', { host }, '/2015-03-31/functions/f'],
    ['PATCH', { host }, '/'],
    ['POST', { host, authorization: 'AWS test:c2lnbmF0dXJl' }, '/'],
    ['POST', { host, authorization: 'Bearer abc' }, '/'],
    // An <img> URL: a GET of a query API that writes.
    ['GET', { host }, '/', 'Action=CreateQueue&QueueName=q'],
    ['GET', { host }, '/000000000000/q', 'Action=SendMessage&MessageBody=x'],
    ['GET', { host }, '/', 'Action=Publish&TopicArn=t&Message=m'],
    ['GET', { host }, '/', 'action=DeleteQueue'],
    ['HEAD', { host }, '/', 'Action=DeleteTopic'],
    ['GET', { host }, '/', 'Action=ListQueues&Action=PurgeQueue'],
    ['GET', { host }, '/', 'Action=Getaway'],
    ['PUT', { host }, '/bucket/key', 'X-Amz-Signature=0a1b'],
    ['GET', { host }, '/', 'Action=SendMessage&X-Amz-Algorithm=AWS4-HMAC-SHA256'],
    ['POST', { host }, `/_ministack/cfn-response/${token}`],
    ['PUT', { host }, '/_ministack/cfn-response/../config'],
    ['PUT', { host }, `/_ministack/cfn-response/${token}/x`],
    ['POST', { host }, '/_ministack/config'],
    ['POST', { host, 'content-type': 'text/plain' }, '/_alb/no-such-lb/events'],
  ];

  /** What guard_refusal answers for each case (null: let through). */
  function verdicts(cases: Case[]): (string | null)[] {
    const args = cases.map(([method, headers, path = '/', query = '']) => [
      method,
      Object.entries(headers),
      path,
      query,
    ]);
    const code = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(PROJECT_ROOT, 'lib/targets'))})
from ministack_launcher import guard_refusal
# A stand-in for MiniStack's routing: one deployed load balancer, "lab-01-internal".
deployed = lambda host, path: path.startswith("/_alb/lab-01-internal/")
print(json.dumps([guard_refusal(m, [tuple(h) for h in hs], p, q, deployed) for m, hs, p, q in json.loads(sys.argv[1])]))`;
    // -B: no __pycache__ in the source tree.
    return JSON.parse(
      execFileSync('python3', ['-B', '-c', code, JSON.stringify(args)], { encoding: 'utf8' }),
    ) as (string | null)[];
  }

  test('refuses what a web page can send, lets SDK-style requests through', () => {
    const reasons = verdicts([...allowed, ...refused]);
    const labelled = [...allowed, ...refused].map((c, i) => ({ c, allowed: reasons[i] === null }));
    expect(labelled).toEqual([
      ...allowed.map((c) => ({ c, allowed: true })),
      ...refused.map((c) => ({ c, allowed: false })),
    ]);
    for (const reason of reasons.slice(allowed.length)) expect(reason).toMatch(/^[A-Z]/);
  });

  test('an unsigned write is refused with one line that says what was missing and what signs', () => {
    const [post, get] = verdicts([
      ['POST', { host, 'content-type': 'text/plain' }, '/2015-03-31/functions'],
      ['GET', { host }, '/', 'Action=CreateQueue&QueueName=q'],
    ]);
    expect(post).toBe(
      'POST /2015-03-31/functions changes state and carries no AWS SigV4 signature (an Authorization: ' +
        'AWS4-HMAC-SHA256 header or a presigned URL); send it with an AWS SDK, the AWS CLI or the CDK, ' +
        'which sign every request',
    );
    expect(get).toMatch(/^GET \/ \(Action=CreateQueue\) changes state and carries no AWS SigV4 signature/);
  });

  test('a load balancer request passes only when MiniStack routes it to a deployed load balancer', () => {
    // Stand-ins for MiniStack's app routing gate and its ALB registry: one load balancer, "web".
    const code = `
import json, sys, types
sys.path.insert(0, ${JSON.stringify(join(PROJECT_ROOT, 'lib/targets'))})
app = types.ModuleType("ministack.app")
app._is_potential_alb_request = lambda host, path: path.startswith("/_alb/") or host.split(":")[0].endswith(".alb.localhost")
alb = types.ModuleType("ministack.services.alb")
alb.find_lb_for_host = lambda host: {"name": "web"} if host.split(":")[0] == "web.alb.localhost" else None
alb._find_lb_by_name = lambda name: {"name": "web"} if name == "web" else None
ministack = types.ModuleType("ministack")
ministack.app = app
services = types.ModuleType("ministack.services")
services.alb = alb
sys.modules.update({"ministack": ministack, "ministack.app": app, "ministack.services": services, "ministack.services.alb": alb})
from ministack_launcher import ministack_load_balancer
print(json.dumps([ministack_load_balancer(h, p) for h, p in json.loads(sys.argv[1])]))`;
    const cases = [
      ['127.0.0.1:4566', '/_alb/web/events'],
      ['web.alb.localhost:4566', '/events'],
      ['127.0.0.1:4566', '/_alb/other/events'],
      ['other.alb.localhost:4566', '/'],
      ['web.alb.localhost.example:4566', '/'],
      ['127.0.0.1:4566', '/2015-03-31/functions'],
    ];
    const answers = JSON.parse(
      execFileSync('python3', ['-B', '-c', code, JSON.stringify(cases)], { encoding: 'utf8' }),
    ) as boolean[];
    expect(answers).toEqual([true, true, false, false, false, false]);
  });

  test('marks a signed request as sent over TLS (aws:SecureTransport), leaves unsigned ones plain', () => {
    // MiniStack reads aws:SecureTransport from X-Forwarded-Proto: what the app behind the guard sees.
    const code = `
import asyncio, json, sys
sys.path.insert(0, ${JSON.stringify(join(PROJECT_ROOT, 'lib/targets'))})
from ministack_launcher import guarded

async def app(scope, receive, send):
    proto = [v.decode() for k, v in scope["headers"] if k == b"x-forwarded-proto"]
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": json.dumps(proto).encode()})

async def call(method, path, query, headers):
    sent = []
    async def send(message):
        sent.append(message)
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(),
             "headers": [(k.encode(), v.encode()) for k, v in headers]}
    await guarded(app)(scope, None, send)
    return json.loads(sent[1]["body"])

host = ("host", "127.0.0.1:4566")
sigv4 = ("authorization", "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/s3/aws4_request")
presigned = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test&X-Amz-Signature=0a1b"
print(json.dumps([asyncio.run(call(*c)) for c in [
    ("PUT", "/bucket/key", "", [host, sigv4]),
    ("GET", "/bucket/key", presigned, [host]),
    ("GET", "/bucket/key", "", [host]),
    ("GET", "/bucket/key", "", [host, sigv4, ("x-forwarded-proto", "http")]),
]]))`;
    const seen = JSON.parse(
      execFileSync('python3', ['-B', '-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    ) as string[][];
    expect(seen).toEqual([['https'], ['https'], [], ['http']]);
  });

  test("answers the kit's in-flight endpoint from MiniStack's own counts; passes every other path on", () => {
    // A stand-in for MiniStack's lambda_svc: two invocations of one function, one SQS batch in hand.
    const code = `
import asyncio, json, sys, threading, types
sys.path.insert(0, ${JSON.stringify(join(PROJECT_ROOT, 'lib/targets'))})
svc = types.ModuleType("ministack.services.lambda_svc")
svc.executions_in_flight = lambda: (2, {"000000000000:us-east-1:lab-02-Consumer": 2})
svc._esm_inflight_lock = threading.Lock()
svc._esm_inflight = {"esm-1": 1}
services = types.ModuleType("ministack.services")
services.lambda_svc = svc
sys.modules.update({"ministack": types.ModuleType("ministack"), "ministack.services": services, "ministack.services.lambda_svc": svc})
from ministack_launcher import guarded, LAMBDA_IN_FLIGHT_PATH

async def app(scope, receive, send):
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"ministack"})

async def call(method, path, headers=()):
    sent = []
    async def send(message):
        sent.append(message)
    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": [(k.encode(), v.encode()) for k, v in headers]}
    await guarded(app)(scope, None, send)
    return [sent[0]["status"], sent[1]["body"].decode()]

host = [("host", "127.0.0.1:4566")]
signed = host + [("authorization", "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/lambda/aws4_request")]
print(json.dumps([asyncio.run(call(*c)) for c in [
    ("GET", LAMBDA_IN_FLIGHT_PATH, host),
    ("POST", LAMBDA_IN_FLIGHT_PATH, signed),
    ("GET", LAMBDA_IN_FLIGHT_PATH, host + [("origin", "https://evil.example")]),
    ("GET", "/_ministack/health", host),
]]))`;
    const [inFlight, post, crossSite, other] = JSON.parse(
      execFileSync('python3', ['-B', '-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    ) as [number, string][];
    expect(inFlight[0]).toBe(200);
    expect(JSON.parse(inFlight[1])).toEqual({
      functions: { 'lab-02-Consumer': 2 },
      eventSourceMappingBatches: { 'esm-1': 1 },
    });
    expect(post[0]).toBe(405);
    expect(crossSite[0]).toBe(403);
    expect(other).toEqual([299, 'ministack']);
  });
});
