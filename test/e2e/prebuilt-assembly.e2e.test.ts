/**
 * A pre-built cloud assembly (`cdk synth -o asm`, then `cdk deploy|diff|destroy --app asm`) never
 * runs the kit's app, so the allow-list check in lib/cdk/app.ts never runs: the assembly itself must
 * carry it (lib/targets/stack-account.ts). MiniStack stands in for AWS accounts: it keeps one
 * account per 12-digit access key id, so `999999999999` is a foreign account that was bootstrapped
 * with plain `cdk bootstrap`, as in the audit that found the hole (issue 22, item 1).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, ListStacksCommand, type StackSummary } from '@aws-sdk/client-cloudformation';
import { emulatorUrl, LOCAL_REGION } from '../../lib/targets/local-endpoint';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { NO_ALLOWED_ACCOUNT } from '../../lib/targets/stack-account';
import { runCdk } from '../support/cdk-cli';

const FOREIGN = '999999999999';
const OTHER = '888888888888';
const LAB = 'lab-04';

let emulator: EmulatorStart;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-prebuilt-assembly-'));
  emulator = await startEmulator(() => {});
  expect(emulator.probe.kind).toBe('ministack');
  const bootstrap = await cdk(['bootstrap', `aws://${FOREIGN}/${LOCAL_REGION}`], as(FOREIGN));
  expect({ code: bootstrap.code, stderr: bootstrap.code === 0 ? '' : bootstrap.stderr }).toEqual({
    code: 0,
    stderr: '',
  });
});

afterAll(async () => {
  if (emulator?.startedByKit) await stopEmulator(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** Credentials of one MiniStack account, at the emulator's endpoint. */
function as(account: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: emulatorUrl(),
    AWS_ACCESS_KEY_ID: account,
    AWS_SECRET_ACCESS_KEY: 'stand-in',
    AWS_REGION: LOCAL_REGION,
  };
}

const cdk = (args: string[], env: Record<string, string>) => runCdk(args, env, dir);

/** The lab's stacks in one MiniStack account, deleted ones left out. */
async function labStacks(account: string): Promise<StackSummary[]> {
  const cfn = new CloudFormationClient({
    endpoint: emulatorUrl(),
    region: LOCAL_REGION,
    credentials: { accessKeyId: account, secretAccessKey: 'stand-in' },
  });
  const { StackSummaries = [] } = await cfn.send(new ListStacksCommand({}));
  return StackSummaries.filter((s) => s.StackName === LAB && s.StackStatus !== 'DELETE_COMPLETE');
}

function manifestEnvironment(assembly: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(assembly, 'manifest.json'), 'utf8'));
  return manifest.artifacts[LAB]?.environment;
}

describe('a pre-built assembly deploys only to the account it was synthesized for', () => {
  test('synthesized offline (no allowed account): deploy, diff and destroy --app refuse every account', async () => {
    const assembly = join(dir, 'offline');
    const synth = await cdk(['synth', LAB, '-c', 'labkit:target=aws', '-o', assembly, '--quiet'], {});
    expect({ code: synth.code, stderr: synth.code === 0 ? '' : synth.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(manifestEnvironment(assembly)).toBe(`aws://${NO_ALLOWED_ACCOUNT}/unknown-region`);

    const deploy = await cdk(['deploy', '--app', assembly, LAB, '--require-approval', 'never'], as(FOREIGN));
    expect(deploy.code).not.toBe(0);
    // The CLI's refusal names the pinned account, which says what to do.
    expect(deploy.stderr).toContain(NO_ALLOWED_ACCOUNT);
    expect(await labStacks(FOREIGN)).toEqual([]);

    const diff = await cdk(['diff', '--app', assembly, LAB], as(FOREIGN));
    expect(diff.code).not.toBe(0);
    expect(diff.stderr).toContain(NO_ALLOWED_ACCOUNT);
  });

  test('synthesized for an allowed account: deploys there only; an offline one cannot destroy it', async () => {
    const assembly = join(dir, 'allowed');
    const synth = await cdk(['synth', LAB, '-c', 'labkit:target=aws', '-o', assembly, '--quiet'], {
      ...as(FOREIGN),
      LABKIT_ALLOWED_ACCOUNTS: FOREIGN,
    });
    expect(synth.code).toBe(0);
    expect(manifestEnvironment(assembly)).toBe(`aws://${FOREIGN}/unknown-region`);

    // Positive control: the same CLI, the same assembly, the account it was built for.
    const deploy = await cdk(['deploy', '--app', assembly, LAB, '--require-approval', 'never'], as(FOREIGN));
    expect({ code: deploy.code, stderr: deploy.code === 0 ? '' : deploy.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect((await labStacks(FOREIGN)).map((s) => s.StackStatus)).toEqual(['CREATE_COMPLETE']);

    // Other credentials: the CLI works in the assembly's account or not at all (on AWS the deploy
    // role there would have to trust them); nothing lands in the other account.
    await cdk(['deploy', '--app', assembly, LAB, '--require-approval', 'never'], as(OTHER));
    expect(await labStacks(OTHER)).toEqual([]);

    // An assembly synthesized offline cannot destroy it either (the audit's `destroy --app --force`).
    const offline = join(dir, 'offline');
    const refused = await cdk(['destroy', '--app', offline, LAB, '--force'], as(FOREIGN));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(NO_ALLOWED_ACCOUNT);
    expect((await labStacks(FOREIGN)).map((s) => s.StackStatus)).toEqual(['CREATE_COMPLETE']);

    const destroy = await cdk(['destroy', '--app', assembly, LAB, '--force'], as(FOREIGN));
    expect(destroy.code).toBe(0);
    expect(await labStacks(FOREIGN)).toEqual([]);
  });
});
