import { COMMANDS } from '../../lib/cli/command-table';
import { main } from '../../lib/cli/main';
import { RecordingProgress } from '../../lib/operations/progress';

// Every handler replaced by a recorder: which one the parser called, with what (after the io).
const mockCalls: Array<{ handler: string; args: unknown[] }> = [];
function mockHandlers() {
  return new Proxy(
    {},
    {
      // Only the handlers (`...Command`): a `then` would make the module look like a promise.
      get: (_module, name) =>
        name === '__esModule'
          ? true
          : typeof name === 'string' && name.endsWith('Command')
            ? async (...args: unknown[]) => {
                mockCalls.push({ handler: name, args: args.slice(1) });
                return 7;
              }
            : undefined,
    },
  );
}
jest.mock('../../lib/cli/commands', () => mockHandlers());
jest.mock('../../lib/cli/challenge-commands', () => mockHandlers());

const CASES: Array<[string[], string, unknown[]]> = [
  [['list'], 'listCommand', []],
  [['up', '--target', 'localstack', '--verbose'], 'upCommand', [{ target: 'localstack', verbose: true }]],
  [['down'], 'downCommand', []],
  [['status', '--target', 'aws'], 'statusCommand', [{ target: 'aws' }]],
  [
    ['deploy', 'lab-02', '--ttl', '2h', 'lab-03', '-y', '--timeout=5', '--verbose'],
    'deployCommand',
    [['lab-02', 'lab-03'], { ttl: '2h', yes: true, timeoutMinutes: 5, verbose: true }],
  ],
  [['verify', '--all'], 'verifyCommand', [[], { all: true }]],
  [['report', 'lab-02'], 'reportCommand', [['lab-02']]],
  [['destroy', 'lab-02', '--target', 'ministack'], 'destroyCommand', [['lab-02'], { target: 'ministack' }]],
  [['sweep', '--dry-run', '--yes'], 'sweepCommand', [{ dryRun: true, yes: true }]],
  [['cost', 'lab-03'], 'costCommand', [['lab-03']]],
  [['diagram', 'lab-02'], 'diagramCommand', [['lab-02']]],
  [['notes-errata'], 'notesErrataCommand', [[]]],
  [['predict', 'lab-02', '--answers', 'a=1'], 'predictCommand', [['lab-02'], { answers: 'a=1' }]],
  [['quiz', 'lab-02', '--answers', '1=a'], 'quizCommand', [['lab-02'], { answers: '1=a' }]],
  [
    ['challenge', 'lab-02', 'open-queue', '--solution', '--target', 'ministack'],
    'challengeCommand',
    [['lab-02', 'open-queue'], { solution: true, target: 'ministack' }],
  ],
  [['check', 'lab-02'], 'checkCommand', [['lab-02'], {}]],
  [['hint'], 'hintCommand', [[]]],
  [['progress', '--reset'], 'progressCommand', [{ reset: true }]],
  [['doctor'], 'doctorCommand', []],
];

test('every command in the table is covered here', () => {
  expect(CASES.map(([argv]) => argv[0])).toEqual(COMMANDS.map((command) => command.name));
});

test.each(CASES)('%j reaches %s with its arguments and options', async (argv, handler, args) => {
  mockCalls.length = 0;
  const progress = new RecordingProgress();
  expect(await main(argv, { out: () => {}, progress })).toBe(7);
  expect(progress.lines).toEqual([]);
  expect(mockCalls).toEqual([{ handler, args }]);
});
