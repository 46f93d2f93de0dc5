import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, STATE_DIR } from '../core/paths';
import { type PinnedPythonTool, type PinnedVenvPaths, type Progress, pinnedVenvPaths } from './host/emulator';
import { installHostEmulator } from './host/install';

/**
 * cfn-lint, AWS's CloudFormation linter (PyPI `cfn-lint`): every region's resource schemas and
 * rules beyond them. The kit installs it like its emulators, into `.labs/cfn-lint/venv` from a
 * hash-pinned requirements file, and lints every template it can deploy to AWS with it
 * (`npm run lint:cfn`, scripts/lint-cfn.ts).
 */
export const CFN_LINT_VERSION = '1.58.0';
export const CFN_LINT_REQUIREMENTS = join(__dirname, 'cfn-lint-requirements.txt');
/** The one file that lists the rules the kit ignores, each with its reason. */
export const CFN_LINT_CONFIG = join(PROJECT_ROOT, '.cfnlintrc');
/**
 * Where the templates are checked: the default region, and one that got many services later
 * (regional resource support differs).
 */
export const CFN_LINT_REGIONS = ['us-east-1', 'eu-west-1'] as const;

export const CFN_LINT: PinnedPythonTool = {
  id: 'cfn-lint',
  name: 'cfn-lint',
  version: CFN_LINT_VERSION,
  distribution: 'cfn-lint',
  requirements: CFN_LINT_REQUIREMENTS,
  stampFiles: [CFN_LINT_REQUIREMENTS],
  minimumPython: [3, 10],
  pipOptions: ['--only-binary', ':all:'],
  installTime: 'about 20 s and 180 MB',
  withoutPython: 'skip the CloudFormation lint (CI runs it)',
};

export function cfnLintPaths(stateDir = STATE_DIR): PinnedVenvPaths {
  return pinnedVenvPaths(CFN_LINT, stateDir);
}

/** Installs the pinned cfn-lint into `.labs/cfn-lint/venv` (nothing to do when it is there). */
export async function installCfnLint(progress: Progress, paths = cfnLintPaths()): Promise<void> {
  await installHostEmulator(progress, paths);
}

/** One finding of cfn-lint (its JSON output, reduced to what the kit reports). */
export interface CfnLintFinding {
  readonly rule: string;
  readonly level: 'Error' | 'Warning' | 'Informational';
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

interface RawMatch {
  Rule: { Id: string };
  Level: CfnLintFinding['level'];
  Filename: string;
  Location?: { Path?: (string | number)[] };
  Message: string;
}

/** Reads cfn-lint's `--format json` output. */
export function parseCfnLintOutput(stdout: string): CfnLintFinding[] {
  const text = stdout.trim();
  if (text === '') return [];
  return (JSON.parse(text) as RawMatch[]).map((match) => ({
    rule: match.Rule.Id,
    level: match.Level,
    file: match.Filename,
    path: (match.Location?.Path ?? []).join('/'),
    message: match.Message,
  }));
}

/**
 * Lints the templates in one cfn-lint run (its start, loading every region's schemas, is most of
 * the time) in {@link CFN_LINT_REGIONS}, with the rules {@link CFN_LINT_CONFIG} ignores.
 * cfn-lint's exit code is a bit mask of the levels found (2 error, 4 warning, 8 informational):
 * any other code is a failure of the tool itself.
 */
export async function runCfnLint(
  templates: readonly string[],
  paths = cfnLintPaths(),
  config = CFN_LINT_CONFIG,
): Promise<CfnLintFinding[]> {
  const cfnLint = join(paths.venv, process.platform === 'win32' ? 'Scripts/cfn-lint.exe' : 'bin/cfn-lint');
  const args = [
    '--config-file',
    config,
    '--format',
    'json',
    '--regions',
    ...CFN_LINT_REGIONS,
    '--',
    ...templates,
  ];
  try {
    const { stdout } = await promisify(execFile)(cfnLint, args, {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return parseCfnLintOutput(stdout);
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof code === 'number' && code > 0 && (code & ~(2 | 4 | 8)) === 0 && stdout) {
      return parseCfnLintOutput(stdout);
    }
    throw new Error(`cfn-lint failed (exit ${String(code)}): ${(stderr || stdout || String(error)).trim()}`);
  }
}
