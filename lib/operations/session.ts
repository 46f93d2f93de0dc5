import { LabInputError } from '../core/errors';
import type { Target } from '../lab/catalogue';
import { allowedAwsAccount } from '../targets/aws-account';
import { describeProbe, probeEmulator } from '../targets/emulator-probe';
import { emulatorUrl } from '../targets/local-endpoint';
import { localStackPaths } from '../targets/localstack-host';
import { startEmulator } from '../targets/ministack-host';
import { awsSession, type EmulatorSession, emulatorSession, type Session } from '../targets/session';
import { Heartbeat, type ProgressReporter } from './progress';

const HOW_TO_START: Record<string, string> = {
  ministack: 'start it with: npx labs up',
  localstack: 'start it with: npx labs up --target localstack',
};

/**
 * Finds the emulator a local command should use; the session carries its endpoint from here on.
 * - No `--target`: whatever emulator answers on the port (the user's LocalStack container counts);
 *   when nothing does and `start` is set, the kit's MiniStack is started.
 * - `--target ministack|localstack`: that emulator must be the one answering; when nothing answers
 *   and `start` is set, the kit starts that one as a host process.
 */
export async function openLocalSession(
  requested: Target | undefined,
  progress: ProgressReporter,
  options: { start: boolean },
): Promise<EmulatorSession> {
  const url = emulatorUrl();
  let probe = await probeEmulator(url);
  if (probe.kind === 'nothing' && options.start) {
    const paths = requested === 'localstack' ? localStackPaths() : undefined;
    // The first start installs the emulator (pip, ~30 s) and every start waits for it to answer.
    const heartbeat = new Heartbeat(progress);
    probe = (await heartbeat.during(() => startEmulator((line) => heartbeat.line(line), { paths }))).probe;
  }
  if (probe.kind === 'nothing') {
    const target = requested ?? 'ministack';
    throw new LabInputError(`no emulator answers on ${url}: ${HOW_TO_START[target]}`);
  }
  if (probe.kind === 'other') {
    throw new LabInputError(
      `${url} is held by ${describeProbe(probe)}: stop that program, or use another port with LABKIT_EMULATOR_PORT`,
    );
  }
  if (requested && requested !== probe.kind) {
    throw new LabInputError(
      `--target ${requested} was asked for, but ${url} answers as ${describeProbe(probe)}: stop it first ` +
        `(npx labs down, or docker compose down), or drop --target to use it`,
    );
  }
  return emulatorSession(probe.kind, process.env, `${describeProbe(probe)} on ${url}`);
}

/**
 * The session of any target: the local emulator (see {@link openLocalSession}), or a real AWS
 * account, which must be on the kit's allow-list (see lib/targets/aws-account.ts).
 */
export async function openSession(
  requested: Target | undefined,
  progress: ProgressReporter,
  options: { start: boolean },
): Promise<Session> {
  if (requested !== 'aws') return openLocalSession(requested, progress, options);
  const { account, arn } = await allowedAwsAccount();
  const region =
    process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'the default region of your profile';
  return awsSession(account, process.env, `AWS account ${account} as ${arn}, ${region}`);
}
