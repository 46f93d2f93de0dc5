import { Template } from 'aws-cdk-lib/assertions';
import { labTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-08');

test('lab-08 synthesizes', () => {
  expect(template).toBeInstanceOf(Template);
});
