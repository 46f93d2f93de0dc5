/** Unit layer: synth-level tests and handler tests, all offline. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // aws-cdk-lib is large; two workers match the 2-core CI machine without thrashing memory.
  maxWorkers: 2,
  // Generous: a cold aws-cdk-lib load plus the WebAssembly template validation can take several
  // seconds on a busy 2-core machine. Speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 60_000,
};
