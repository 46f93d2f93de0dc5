#!/usr/bin/env node
import '../lib/compile-cache';
import { LABS } from '../labs';
import { runLabApp } from '../lib/app';
import { registerLabs } from '../lib/catalogue';
import { LabInputError } from '../lib/errors';

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
