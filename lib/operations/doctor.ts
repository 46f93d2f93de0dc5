import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describeProbe, probeEmulator } from '../targets/emulator-probe';
import { FUNCTION_NODE_VERSION, findFunctionNode, nodeBinaryPackage } from '../targets/function-node';
import { emulatorUrl, localClientConfig } from '../targets/local-endpoint';
import { LOCALSTACK_VERSION, localStackPaths } from '../targets/localstack-host';
import { findPython, MINISTACK_VERSION, miniStackPaths } from '../targets/ministack-host';
import { appliedPatches, miniStackPatches } from '../targets/ministack-patches';

/** One line of `labs doctor`. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Whether the local workflow cannot work without it. */
  readonly required: boolean;
  readonly detail: string;
  /** What to do when it is not ok. */
  readonly fix?: string;
}

function commandOutput(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    }).trim();
  } catch {
    return undefined;
  }
}

function checkNode(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  return {
    name: 'node',
    ok: major >= 22,
    required: true,
    detail:
      major >= 24
        ? `v${process.versions.node}`
        : major >= 22
          ? `v${process.versions.node} (works; the kit is tested on Node 24, and on 22 for its unit layer)`
          : `v${process.versions.node}: past its end of life (2026-04-30), and the CDK no longer supports it`,
    fix: 'install Node.js 24 LTS (https://nodejs.org, or nvm install 24)',
  };
}

function checkFunctionNode(): DoctorCheck {
  const found = findFunctionNode();
  return {
    name: 'lambda node',
    ok: found !== undefined,
    required: false,
    detail: found
      ? `Lambda functions on the host emulator run with Node ${found.version} (${found.source === 'kit' ? "the kit's own" : `installed in ${found.binDir}`}), as their nodejs24.x runtime says`
      : `no Node 24 yet: functions would run with this Node, ${process.version}; npx labs up installs ${nodeBinaryPackage()}@${FUNCTION_NODE_VERSION} from npm`,
    fix: 'npx labs up (installs it), or run the kit itself on Node 24',
  };
}

function checkPython(emulatorRunning: boolean): DoctorCheck {
  try {
    const python = findPython();
    const venv = commandOutput(python.command, ['-c', 'import venv, ensurepip; print("ok")']) === 'ok';
    return {
      name: 'python',
      ok: venv,
      required: !emulatorRunning,
      detail: venv
        ? `${python.command} ${python.version} with venv`
        : `${python.command} ${python.version} without venv/ensurepip`,
      fix: 'install the venv module (Debian/Ubuntu: sudo apt install python3-venv)',
    };
  } catch (error) {
    return {
      name: 'python',
      ok: false,
      required: !emulatorRunning,
      detail: (error as Error).message,
      fix: 'install Python 3.10+ with venv, or run the emulator with Docker (docker compose --profile ministack up -d)',
    };
  }
}

function checkMiniStackInstall(): DoctorCheck {
  const paths = miniStackPaths();
  const installed = existsSync(paths.python)
    ? commandOutput(paths.python, ['-c', 'import importlib.metadata as m; print(m.version("ministack"))'])
    : undefined;
  return {
    name: 'ministack',
    ok: installed === MINISTACK_VERSION,
    required: false,
    detail: installed ? `${installed} in ${paths.venv}` : `not installed yet (pinned ${MINISTACK_VERSION})`,
    fix: 'npx labs up installs it (once, about 30 s)',
  };
}

/** The kit's pinned patches to MiniStack (lib/targets/ministack-patches), as its venv records them. */
export function checkMiniStackPatches(venv = miniStackPaths().venv): DoctorCheck {
  const carried = miniStackPatches().map((p) => p.name);
  const applied = existsSync(venv) ? appliedPatches(venv) : undefined;
  const current = applied !== undefined && applied.join() === carried.join();
  return {
    name: 'ministack patches',
    ok: current,
    required: false,
    detail: current
      ? `${applied.length} applied: ${applied.join(', ') || 'none'}`
      : applied === undefined
        ? `not applied yet (the kit carries ${carried.length}: ${carried.join(', ')})`
        : `applied ${applied.join(', ') || 'none'}, the kit carries ${carried.join(', ')}`,
    fix: 'npx labs down, then npx labs up reinstalls MiniStack with the current patches',
  };
}

function checkLocalStackInstall(): DoctorCheck {
  const paths = localStackPaths();
  const installed = existsSync(paths.python)
    ? commandOutput(paths.python, [
        '-c',
        'import importlib.metadata as m; print(m.version("localstack-core"))',
      ])
    : undefined;
  return {
    name: 'localstack',
    ok: installed === LOCALSTACK_VERSION,
    required: false,
    detail: installed
      ? `${installed} in ${paths.venv}`
      : `not installed (optional; pinned ${LOCALSTACK_VERSION}, needs Python 3.11+)`,
    fix: 'optional: npx labs up --target localstack installs it (once, about 80 s, 530 MB; Debian: sudo apt install zip)',
  };
}

function checkDocker(): DoctorCheck {
  // `docker version` fails as a whole without an engine; `--version` asks the client only.
  const client = commandOutput('docker', ['--version']);
  const server = commandOutput('docker', ['version', '--format', '{{.Server.Version}}']);
  return {
    name: 'docker',
    ok: server !== undefined,
    required: false,
    detail: server ? `engine ${server}` : client ? `${client}, but no engine reachable` : 'not installed',
    fix: 'optional: only docker-compose.yml needs it; the kit runs MiniStack as a host process without it',
  };
}

async function checkEmulator(): Promise<{ check: DoctorCheck; running: boolean }> {
  const probe = await probeEmulator(emulatorUrl());
  const running = probe.kind === 'ministack' || probe.kind === 'localstack';
  // A MiniStack started another way without AUTH=true runs the labs, but the experiments that
  // watch IAM refuse something (lab-06, lab-07, lab-13) fail there.
  const unenforced = probe.kind === 'ministack' && !probe.iamEnforced;
  return {
    running,
    check: {
      name: 'emulator',
      ok: running && !unenforced,
      required: probe.kind === 'other',
      detail: `${describeProbe(probe)} on ${emulatorUrl()}`,
      fix:
        probe.kind === 'other'
          ? 'free the port, or set LABKIT_EMULATOR_PORT to another port'
          : unenforced
            ? 'restart it with AUTH=true (or stop it and run npx labs up): without it the policy experiments fail'
            : 'npx labs up (or npx labs deploy, which starts it)',
    },
  };
}

async function checkBootstrap(emulatorRunning: boolean): Promise<DoctorCheck> {
  if (!emulatorRunning) {
    return {
      name: 'bootstrap',
      ok: false,
      required: false,
      detail: 'unknown (no emulator)',
      fix: 'npx labs up',
    };
  }
  try {
    await new CloudFormationClient(localClientConfig()).send(
      new DescribeStacksCommand({ StackName: 'CDKToolkit' }),
    );
    return {
      name: 'bootstrap',
      ok: true,
      required: false,
      detail: 'CDKToolkit stack present on the emulator',
    };
  } catch {
    return {
      name: 'bootstrap',
      ok: false,
      required: false,
      detail: 'the emulator is not bootstrapped',
      fix: 'npx labs up (deploy also bootstraps when needed)',
    };
  }
}

async function checkCredentials(): Promise<DoctorCheck> {
  try {
    // Real-account credentials, never the emulator's: AWS_ENDPOINT_URL(_STS) is ignored for this call.
    const sts = new STSClient({ maxAttempts: 1, ignoreConfiguredEndpointUrls: true });
    const identity = await sts.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(5000),
    });
    return { name: 'aws credentials', ok: true, required: false, detail: `account ${identity.Account}` };
  } catch (error) {
    return {
      name: 'aws credentials',
      ok: false,
      required: false,
      detail: `none usable (${(error as Error).message.split('\n')[0].slice(0, 100)})`,
      fix: 'only needed for --target aws: aws configure (or aws sso login)',
    };
  }
}

/** Everything `labs doctor` checks, each with a fix when it is missing. */
export async function runDoctor(): Promise<DoctorCheck[]> {
  const emulator = await checkEmulator();
  return [
    checkNode(),
    checkFunctionNode(),
    checkPython(emulator.running),
    checkMiniStackInstall(),
    checkMiniStackPatches(),
    checkLocalStackInstall(),
    checkDocker(),
    emulator.check,
    await checkBootstrap(emulator.running),
    await checkCredentials(),
  ];
}
