/**
 * End-to-end layer: every lab deployed to the local emulator (started on the host by the test),
 * its experiments run, destroyed, and scanned for leftovers. `npm run test:e2e`.
 */

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  setupFiles: ['<rootDir>/test/support/register-labs.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/commander/.+\\.js$': ['@swc/jest'] },
  // commander 15 is ESM-only (see jest.config.js).
  transformIgnorePatterns: ['/node_modules/(?!commander/)'],
  // One emulator, one bootstrap, labs in sequence.
  maxWorkers: 1,
  // A guard against a hung emulator, not a performance limit (deploys have their own wall-clock limit).
  testTimeout: 15 * 60_000,
};
