/** Unit layer: synth-level tests and handler tests, all offline. */

module.exports = {
  // jest's node environment with a temporary directory per test file, removed after it.
  testEnvironment: '<rootDir>/test/support/file-tmp-environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The end-to-end layer needs an emulator: `npm run test:e2e` (jest.e2e.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/commander/.+\\.js$': ['@swc/jest'] },
  // commander 15 is ESM-only, and Jest's require() loads ES modules only under
  // --experimental-vm-modules: SWC turns it into CommonJS like the kit's own sources.
  transformIgnorePatterns: ['/node_modules/(?!commander/)'],
  // Every lab's templates, synthesized once per run in one process and read by all test files
  // (test/support/lab-cache.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/register-labs.ts', '<rootDir>/test/support/setup-lab-cache.ts'],
  // aws-cdk-lib is large; two workers match the 2-core CI machine without thrashing memory.
  maxWorkers: 2,
  // Threads, not processes: both workers share one Node process (its runtime, the native SWC
  // transformer), about 150 MiB less than two processes, at the same speed.
  workerThreads: true,
  // Each test file loads its own copy of what it imports, and a worker keeps the garbage until V8
  // needs the room: recycle a worker after a file that left it above this, so the run stays under
  // 1 GiB in all (200 MB: about 0.9 GiB and 1 s more than 300 MB, which peaked near 1 GiB).
  workerIdleMemoryLimit: '200MB',
  // Generous: a cold aws-cdk-lib load plus the WebAssembly template validation can take several
  // seconds on a busy 2-core machine. Speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 60_000,
};
