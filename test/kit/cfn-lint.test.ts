import { readFileSync } from 'node:fs';
import { awsTemplateVariants } from '../../lib/cdk/aws-variants';
import { allLabs, contextOptions } from '../../lib/lab/catalogue';
import { CFN_LINT_CONFIG, CFN_LINT_VERSION, parseCfnLintOutput } from '../../lib/targets/cfn-lint';

test('cfn-lint gets every lab, each of its options, and the guardrails stack', () => {
  const names = awsTemplateVariants().map((variant) => variant.name);
  expect(new Set(names).size).toBe(names.length);
  for (const lab of allLabs()) expect(names).toEqual(expect.arrayContaining([lab.id, `${lab.id}.no-expiry`]));
  for (const option of contextOptions()) {
    const expected = option.labs.map((id) => (id === 'guardrails' ? id : `${id}.${option.name}`));
    expect(names).toEqual(expect.arrayContaining(expected));
  }
});

test('the requirements pin the cfn-lint version the kit names, with hashes', () => {
  const requirements = readFileSync(`${__dirname}/../../lib/targets/cfn-lint-requirements.txt`, 'utf8');
  expect(requirements).toContain(`cfn-lint==${CFN_LINT_VERSION} \\\n    --hash=sha256:`);
  const pins = requirements.match(/^[a-z][\w.-]*==/gm) ?? [];
  const hashed = requirements.match(/^[a-z][\w.-]*==[^\n]*\\\n\s+--hash=sha256:[0-9a-f]{64}/gm) ?? [];
  expect(hashed).toHaveLength(pins.length);
});

test('every rule the config ignores says why, in a comment above it', () => {
  const lines = readFileSync(CFN_LINT_CONFIG, 'utf8').split('\n');
  const ignored = lines.flatMap((line, index) => (/^\s+- [EWI]\d{4}$/.test(line) ? [index] : []));
  expect(ignored.length).toBeGreaterThan(0);
  for (const index of ignored) expect(lines[index - 1]).toMatch(/^\s+#/);
});

test("cfn-lint's JSON findings are read with their rule, level, file and place", () => {
  const output = JSON.stringify([
    {
      Rule: { Id: 'E3006' },
      Level: 'Error',
      Filename: '/tmp/x/guardrails.json',
      Location: { Path: ['Resources', 'MonthlyBudget', 'Type'] },
      Message: "Resource type 'AWS::Budgets::Budget' does not exist in 'eu-south-2'",
    },
  ]);
  expect(parseCfnLintOutput(output)).toEqual([
    {
      rule: 'E3006',
      level: 'Error',
      file: '/tmp/x/guardrails.json',
      path: 'Resources/MonthlyBudget/Type',
      message: "Resource type 'AWS::Budgets::Budget' does not exist in 'eu-south-2'",
    },
  ]);
  expect(parseCfnLintOutput('')).toEqual([]);
});
