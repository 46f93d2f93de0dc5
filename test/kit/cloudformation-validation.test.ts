import cdkJson from '../../cdk.json';
import { createLabApp } from '../../lib/app';

// aws-cdk-lib's built-in CloudFormation validation costs seconds and hundreds of MiB per app, so
// the other tests turn it off and this one runs it once over every lab.
test('every lab passes the built-in CloudFormation template validation', () => {
  const app = createLabApp({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: true,
  });
  expect(() => app.synth()).not.toThrow();
});
