import { allLabs } from '../../lib/lab/catalogue';
import { cachedValidation } from '../support/lab-cache';

// aws-cdk-lib's built-in CloudFormation validation costs seconds and hundreds of MiB per process,
// so it runs once per test run, over every lab as deployed to AWS, when the lab cache is built
// (test/support/build-lab-cache.ts); this reads its result.
test('every lab passes the built-in CloudFormation template validation', () => {
  const result = cachedValidation();
  expect(result.labs).toEqual(allLabs().map((lab) => lab.id));
  expect(result.error).toBeUndefined();
});
