#!/usr/bin/env node
import '../lib/cdk/compile-cache';
import { LABS } from '../labs';
import { runLabApp } from '../lib/cdk/app';
import { LabInputError } from '../lib/core/errors';
import { registerLabs } from '../lib/lab/catalogue';

// The CDK app that `cdk synth|deploy|destroy lab-NN` runs. Bad context options and an account that
// is not on the allow-list end with one line; a real account also gets each lab's cost and expiry.
try {
  registerLabs(LABS);
  runLabApp();
} catch (error) {
  if (error instanceof LabInputError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
