import { Template } from 'aws-cdk-lib/assertions';
import { labTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-11');

test('lab-11 synthesizes', () => {
  expect(template).toBeInstanceOf(Template);
});
