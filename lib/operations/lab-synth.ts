import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CachedCloudAssembly, IIoHost } from '@aws-cdk/toolkit-lib';
import { createLabApp, LABS_CONTEXT_KEY } from '../cdk/app';
import { readCdkJson } from '../cdk/cdk-json';
import { labSynthError } from '../core/lab-code-error';
import { allLabs, type LabDefinition } from '../lab/catalogue';
import { EXPIRES_AT_CONTEXT_KEY, TTL_CONTEXT_KEY } from '../safety/expiry';
import type { Session } from '../targets/session';
import { isLocalTarget, TARGET_CONTEXT_KEY } from '../targets/target';
import { keepNewAssets, linkCachedAssets } from './asset-cache';
import { type ProgressReporter, seconds } from './progress';

/** A stack of a synthesized app: its name, template and environment. */
export type SynthesizedStack = CachedCloudAssembly['cloudAssembly']['stacks'][number];

/** The labs' cloud assembly in a directory of the kit's own, removed by {@link SynthesizedLabs.remove}. */
export interface SynthesizedLabs {
  readonly directory: string;
  readonly stacks: readonly SynthesizedStack[];
  /** The template of one stack. */
  template(stackName: string): { Resources?: Record<string, { Type: string }> };
  remove(): void;
}

export interface LabSynthOptions {
  readonly session: Session;
  readonly progress: ProgressReporter;
  readonly ioHost: IIoHost;
  readonly validation: boolean;
  readonly bundling: boolean;
  readonly expiresAt?: Date;
  readonly labs?: readonly LabDefinition[];
  readonly projectDir: string;
}

/**
 * Synthesizes the labs for one session in-process with @aws-cdk/toolkit-lib, into a temporary
 * directory that outlives the toolkit's read lock (the toolkit's thread deploys from it; see
 * toolkit-thread.ts). Bundled Lambda code is kept between runs (asset-cache.ts).
 */
export async function synthesizeLabs(options: LabSynthOptions): Promise<SynthesizedLabs> {
  const lib = require('@aws-cdk/toolkit-lib') as typeof import('@aws-cdk/toolkit-lib');
  const { session, progress, bundling } = options;
  // The toolkit's context store reads cdk.json too, but its parse error does not name the file.
  readCdkJson(join(options.projectDir, 'cdk.json'));
  const started = Date.now();
  // Removed by remove() or, if the process is cut short (a timeout, Ctrl-C), when it exits.
  const directory = mkdtempSync(join(tmpdir(), 'labkit-cdk.out-'));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  process.once('exit', remove);
  if (bundling) linkCachedAssets(directory);
  progress.status(`synthesizing the labs${bundling ? ' (bundling Lambda code with esbuild)' : ''}`);
  const toolkit = new lib.Toolkit({ ioHost: options.ioHost, color: false, emojis: false });
  const source = await toolkit.fromAssemblyBuilder(
    async (props) =>
      createLabApp(
        {
          outdir: props.outdir,
          // The builder synthesizes; an App that failed half-built must not synthesize again when
          // the process is about to exit (CDK_OUTDIR, set by the toolkit, turns that on), into a
          // directory already removed.
          autoSynth: false,
          context: {
            ...props.context,
            [TARGET_CONTEXT_KEY]: session.target,
            // No expiry asked for means none, also on AWS (where the app's own default is 4 hours).
            ...(options.expiresAt
              ? { [EXPIRES_AT_CONTEXT_KEY]: options.expiresAt.toISOString() }
              : { [TTL_CONTEXT_KEY]: 'none' }),
            ...(options.labs ? { [LABS_CONTEXT_KEY]: options.labs.map((lab) => lab.id) } : {}),
          },
          // postCliContext wins over what the toolkit passes in (it asks to bundle every stack).
          postCliContext: {
            ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
            // The CDK's usage statistics resource (AWS::CDK::Metadata) means nothing on an emulator,
            // and MiniStack creates it without an event, so the progress count stopped one short.
            ...(isLocalTarget(session.target) ? { 'aws:cdk:version-reporting': false } : {}),
          },
          builtinCloudFormationValidation: options.validation,
        },
        // The session checked the account itself (through STS); a stale CDK_DEFAULT_ACCOUNT in the
        // user's shell must not stand in for it. The emulator's port comes from the session.
        {
          env: {
            ...process.env,
            CDK_DEFAULT_ACCOUNT: session.kind === 'aws' ? (session.account ?? '') : '',
            ...(session.kind === 'emulator' ? { LABKIT_EMULATOR_PORT: String(session.port) } : {}),
          },
        },
      ).synth(),
    {
      outdir: directory,
      // The directory is ours: the toolkit's thread deploys from it after this lock is released.
      disposeOutdir: false,
      contextStore: new lib.CdkAppMultiContext(options.projectDir),
      lookups: false,
      resolveDefaultEnvironment: false,
    },
  );
  const assembly = await toolkit.synth(source).catch((error: unknown) => {
    remove();
    // toolkit-lib reports a mistake in stack.ts as "Assembly builder failed"; its cause names it.
    throw labSynthError(error) ?? error;
  });
  const stacks = assembly.cloudAssembly.stacks;
  await assembly.dispose();
  if (bundling) keepNewAssets(directory);
  const count = options.labs?.length ?? allLabs().length;
  progress.line(`synthesized ${count} lab${count === 1 ? '' : 's'} in ${seconds(started)}`);
  return {
    directory,
    stacks,
    template: (stackName) => {
      const stack = stacks.find((s) => s.stackName === stackName);
      if (!stack) throw new Error(`no stack ${stackName} in the synthesized labs`);
      return stack.template;
    },
    remove,
  };
}
