import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// Runs bin/app.ts the way `cdk synth` does (context arrives in CDK_CONTEXT_JSON).
function runApp(context: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
      CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'labs-app-')),
    },
    encoding: 'utf8',
  });
}

test('a bad context option ends the app with one clear line and exit code 1', () => {
  const result = runApp({ instanceType: 'x1e.32xlarge' });
  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toBe(
    'error: Context option instanceType="x1e.32xlarge" is not allowed. Use one of: t3.nano, t3.micro, t3.small, t4g.nano, t4g.micro, t4g.small (for example -c instanceType=t3.micro).',
  );
});
