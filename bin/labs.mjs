#!/usr/bin/env node
// Entry of the `labs` CLI (package.json "bin"): loads the TypeScript sources through tsx, so the kit
// needs no build step. The commands live in lib/cli/.
import { register } from 'tsx/cjs/api';

// The AWS SDK warns on every run that releases after January 2027 need Node 22; the pinned clients
// work on 20, and `labs doctor` says it once instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const { main } = require('../lib/cli/main.ts');

// `npx labs list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
