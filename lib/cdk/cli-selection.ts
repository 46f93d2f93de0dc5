import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Which stacks a plain `cdk synth|deploy|diff|destroy lab-03` asked for, so the app builds (and
 * bundles, and warns about) only those.
 *
 * The CDK CLI (2.1149) does not tell the app which stacks it will use: it passes the context value
 * `aws:cdk:bundling-stacks`, but that is `["**"]` unless `--exclusively` is given (then it is the
 * stack patterns), and `[]` for commands that do not bundle (`ls`, `destroy`). So the app reads the
 * command line of the CDK CLI process that started it (its parent, or the parent's parent when a
 * shell stands between them). Whenever that is unclear (another platform, an option this parser does
 * not know followed by a lab id, `--all`, a wildcard, a stack that is not a lab), the answer is
 * "unknown" and the app builds every lab, as before: the selection only ever makes a command
 * faster, never different.
 */

/** Commands that act on the stacks they name (and only on those: labs do not depend on each other). */
export const SELECTING_COMMANDS: ReadonlySet<string> = new Set([
  'synth',
  'synthesize',
  'deploy',
  'diff',
  'destroy',
  'watch',
  'import',
]);

/**
 * Options of the CDK CLI's selecting commands that take no value (any other option without `=` may
 * consume the next token). Kept equal to the pinned CLI's own option table
 * (aws-cdk/lib/cli/cli-type-registry.json, from which its --help is made) by
 * test/kit/lab-selection.test.ts, so a CLI upgrade that adds a flag fails a test, not a selection.
 */
export const CDK_CLI_FLAGS: ReadonlySet<string> = new Set([
  '--asset-metadata',
  '--asset-parallelism',
  '--asset-prebuild',
  '--change-set',
  '--changeset',
  '--ci',
  '--color',
  '--debug',
  '--debug-app',
  '--debug-cli',
  '--ec2creds',
  '--exclusively',
  '--execute',
  '--express',
  '--fail',
  '--force',
  '--hotswap',
  '--hotswap-fallback',
  '--ignore-errors',
  '--ignore-no-stacks',
  '--import-existing-resources',
  '--include-moves',
  '--json',
  '--logs',
  '--lookups',
  '--notices',
  '--path-metadata',
  '--previous-parameters',
  '--processed',
  '--quiet',
  '--revert-drift',
  '--rollback',
  '--security-only',
  '--staging',
  '--strict',
  '--telemetry',
  '--trace',
  '--validation',
  '--verbose',
  '--version-reporting',
  '--watch',
  '--yes',
  '-e',
  '-f',
  '-i',
  '-j',
  '-q',
  '-v',
  '-y',
  '-vv',
  '-vvv',
]);

/**
 * The stack names a CDK CLI command line selects, when they are exactly stacks of this app
 * (`known`), else undefined (build everything).
 *
 * @param args the CLI's arguments after its script (`synth lab-03 -q`)
 */
export function stacksNamedOnCommandLine(
  args: readonly string[],
  known: ReadonlySet<string>,
): string[] | undefined {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i];
    if (token === '--') return undefined;
    if (token === '--all' || token === '-a') return undefined;
    if (token.startsWith('-')) {
      if (token.includes('=') || CDK_CLI_FLAGS.has(token) || token.startsWith('--no-')) continue;
      // An option that may take a value: the next token is its value, unless it is an option.
      const next = args[i + 1];
      if (next === undefined || next.startsWith('-')) continue;
      // `--profile lab-03`: a value or a stack? Unclear, so build everything.
      if (known.has(next)) return undefined;
      i++;
      continue;
    }
    positional.push(token);
  }
  const [command, ...stacks] = positional;
  if (!command || !SELECTING_COMMANDS.has(command) || stacks.length === 0) return undefined;
  return stacks.every((stack) => known.has(stack)) ? [...new Set(stacks)] : undefined;
}

/** The command line of a process and its parent's id, or undefined where the platform does not say. */
function processInfo(pid: number): { argv: string[]; ppid?: number } | undefined {
  if (process.platform === 'linux') {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { argv, ppid: Number.isFinite(ppid) ? ppid : undefined };
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'darwin') {
    try {
      const out = execFileSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], {
        encoding: 'utf8',
        timeout: 2000,
      }).trim();
      const [ppid, ...argv] = out.split(/\s+/);
      return { argv, ppid: Number(ppid) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const CDK_CLI_SCRIPTS = new Set(['cdk', 'cdklocal', 'cdk.js']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'busybox']);

/**
 * The arguments of the CDK CLI that started this app (after its script), or undefined when this
 * process was not started by the CDK CLI (`CDK_CLI_VERSION` unset) or its command line cannot be read.
 */
export function cdkCliArguments(
  env: NodeJS.ProcessEnv = process.env,
  pid = process.ppid,
): string[] | undefined {
  if (!env.CDK_CLI_VERSION) return undefined;
  let current: number | undefined = pid;
  // The CLI runs the app through a shell (`sh -c "<app>"`), which usually execs it: the parent is
  // the CLI; otherwise the shell is, and the CLI is its parent.
  for (let depth = 0; depth < 2 && current; depth++) {
    const info = processInfo(current);
    if (!info) return undefined;
    const script = info.argv.findIndex((arg, i) => i > 0 && CDK_CLI_SCRIPTS.has(basename(arg)));
    if (script > 0 || (script === -1 && CDK_CLI_SCRIPTS.has(basename(info.argv[0] ?? '')))) {
      return info.argv.slice(script > 0 ? script + 1 : 1);
    }
    if (!SHELLS.has(basename(info.argv[0] ?? ''))) return undefined;
    current = info.ppid;
  }
  return undefined;
}

/**
 * The stacks a CDK CLI command asked for: from `aws:cdk:bundling-stacks` when it lists exactly
 * stacks of this app (`--exclusively`), else from the CLI's command line; undefined when unknown.
 */
export function stacksRequestedByCdkCli(
  bundlingStacks: unknown,
  known: ReadonlySet<string>,
  env: NodeJS.ProcessEnv = process.env,
): string[] | undefined {
  if (
    Array.isArray(bundlingStacks) &&
    bundlingStacks.length > 0 &&
    bundlingStacks.every((stack) => known.has(String(stack)))
  ) {
    return bundlingStacks.map(String);
  }
  const args = cdkCliArguments(env);
  return args ? stacksNamedOnCommandLine(args, known) : undefined;
}
