#!/usr/bin/env node
// Entry of the `labs` CLI (package.json "bin"): loads the TypeScript sources through tsx, so the kit
// needs no build step. The commands and their options are one table: lib/cli/command-table.ts.
import * as nodeModule from 'node:module';
import { register } from 'tsx/cjs/api';

// V8 keeps the compiled code between runs (lib/cdk/compile-cache.ts says why).
nodeModule.enableCompileCache?.(); // Node 22.1+
register();
const require = nodeModule.createRequire(import.meta.url);
// On a Node.js the kit does not support, one line says so before anything else (it may still work).
const nodeWarning = require('../lib/core/node-version.ts').nodeVersionWarning();
if (nodeWarning) {
  process.stderr.write(`${nodeWarning}\n`);
  // The AWS SDK's own eight-line NodeVersionSupportWarning would say the same again.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
// The labs, found by labs/index.ts (generated from the folders), handed to the kit.
require('../lib/lab/catalogue.ts').registerLabs(require('../labs/index.ts').LABS);
const { main, describeUnexpectedError } = require('../lib/cli/main.ts');

// `npx labs list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Ctrl-C: one line saying what may be half-done, then exit (130, as shells report SIGINT).
process.once('SIGINT', () => {
  process.stderr.write(
    '\ninterrupted: a lab being deployed or destroyed may be incomplete; npx labs status shows it, and running the same command again finishes it\n',
  );
  process.exit(130);
});
// A failure the kit did not catch where it happened (a connection dropped inside the CDK toolkit):
// one line, not a stack trace.
for (const event of ['unhandledRejection', 'uncaughtException']) {
  process.on(event, (error) => {
    process.stderr.write(`error: ${describeUnexpectedError(error)}\n`);
    if (process.env.LABKIT_DEBUG) process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}

// Exit as soon as the command is done: work it abandoned (a deploy past its --timeout) must not
// keep the process alive and finish later.
process.exit(await main(process.argv.slice(2)));
