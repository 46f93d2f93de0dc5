import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longFlag } from '../../lib/cli/command-options';
import { COMMANDS, renderArgv, renderCommandsMarkdown, synopsis } from '../../lib/cli/command-table';
import { main } from '../../lib/cli/main';
import { RecordingProgress } from '../../lib/operations/progress';

/** Runs the CLI in-process and returns its exit code, stdout lines and stderr lines. */
async function labs(...argv: string[]) {
  const out: string[] = [];
  const progress = new RecordingProgress();
  const code = await main(argv, { out: (line) => out.push(line), progress });
  return { code, out: out.join('\n'), err: progress.lines };
}

/** The long flags a command's own help lists under "Options:". */
function optionsInHelp(help: string): string[] {
  const section = help.slice(help.indexOf('Options:'));
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((match) => match[1]);
}

test('the table keeps every command the CLI had before it', () => {
  expect(COMMANDS.map((command) => command.name).sort()).toEqual(
    [
      'list',
      'up',
      'down',
      'status',
      'deploy',
      'verify',
      'report',
      'destroy',
      'cost',
      'diagram',
      'notes-errata',
      'predict',
      'quiz',
      'challenge',
      'check',
      'hint',
      'progress',
      'sweep',
      'doctor',
    ].sort(),
  );
});

test.each(COMMANDS.map((command) => [command.name, command] as const))(
  '%s --help shows its usage, its help and only its own options',
  async (name, command) => {
    const { code, out, err } = await labs(name, '--help');
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toMatch(
      new RegExp(`^Usage: ${synopsis(command).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\[options\\]`),
    );
    expect(out.replace(/\s+/g, ' ')).toContain(command.help.replaceAll('`', ''));
    expect(optionsInHelp(out)).toEqual([...command.options.map(longFlag), '--help']);
    expect(command.summary).not.toBe('');
  },
);

test('labs help <command> is labs <command> --help', async () => {
  const help = await labs('help', 'quiz');
  expect(help.code).toBe(0);
  expect(help.out).toBe((await labs('quiz', '--help')).out);
  expect(optionsInHelp(help.out)).toEqual(['--answers', '--seed', '--target', '--help']);
  expect((await labs('help')).out).toMatch(/^usage: npx labs <command>/);
});

test.each([
  [
    ['deploy', 'lab-02', '--solution'],
    'error: deploy does not take --solution (only challenge takes it): npx labs deploy --help lists what it takes',
  ],
  [
    ['quiz', 'lab-02', '--dry-run'],
    'error: quiz does not take --dry-run (only sweep takes it): npx labs quiz --help lists what it takes',
  ],
  [
    ['verify', 'lab-02', '--ttl=2h'],
    'error: verify does not take --ttl (only deploy, challenge take it): npx labs verify --help lists what it takes',
  ],
  [
    // The last value is the one checked, and named alone (commander also hands a parser the previous one).
    ['deploy', 'lab-02', '--target', 'aws', '--target', 'frob'],
    'error: --target frob is not a target; use one of: aws, ministack, localstack',
  ],
  [['help', 'frob'], 'error: unknown command "frob"; run npx labs --help'],
  [
    ['--verbose', 'deploy', 'lab-02'],
    'error: --verbose: options go after the command (npx labs <command> [options]); npx labs --help lists the commands',
  ],
])('%j is refused with one line before anything runs', async (argv, message) => {
  const { code, out, err } = await labs(...argv);
  expect(code).toBe(1);
  expect(err).toEqual([message]);
  expect(out).toBe('');
});

test('a re-spawned deploy gets the deploy options of the caller and none of the others', () => {
  expect(
    renderArgv('deploy', ['lab-02'], {
      target: 'localstack',
      ttl: '2h',
      yes: true,
      verbose: false,
      timeoutMinutes: 5,
      solution: true,
      restore: true,
    }),
  ).toEqual(['deploy', 'lab-02', '--target', 'localstack', '--ttl', '2h', '--yes', '--timeout', '5']);
  expect(renderArgv('deploy', ['lab-02'], { target: 'ministack' })).toEqual([
    'deploy',
    'lab-02',
    '--target',
    'ministack',
  ]);
});

test("docs/cli.md's command table is the command table rendered", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
  const table = renderCommandsMarkdown();
  expect(readme).toContain(`<!-- cli-commands:start -->\n${table}\n<!-- cli-commands:end -->`);
  const rows = table.split('\n').slice(2);
  expect(rows.map((row) => /^\| `npx labs ([a-z-]+)/.exec(row)?.[1])).toEqual(COMMANDS.map((c) => c.name));
  expect(rows.find((row) => row.startsWith('| `npx labs deploy'))).toBe(
    '| `npx labs deploy <lab...\\|--all>` | bootstrap when needed, deploy with progress (resources done / total, current resource, elapsed), print the outputs and the next command; `--timeout` ends a hung deploy and exits | `--target aws\\|ministack\\|localstack` `--all` `--ttl <duration>` `-y, --yes` `--timeout <minutes>` `--verbose` |',
  );
});

test('bin/labs.mjs loads a handler when its command runs', () => {
  // The entry loads the kit through tsx, not Jest: a handler module the table cannot load fails here.
  const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'labs.mjs'), 'cost'], {
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('error: cost: name one lab, for example npx labs cost lab-03\n');
  expect(run.status).toBe(1);
});
