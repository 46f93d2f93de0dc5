/** Unit layer: synth-level tests and handler tests, all offline. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // aws-cdk-lib is large; two workers match the 2-core CI machine without thrashing memory.
  maxWorkers: 2,
};
