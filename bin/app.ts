#!/usr/bin/env node
import { createLabApp } from '../lib/app';
import { LabInputError } from '../lib/errors';

// The CDK app that `cdk synth|deploy|destroy lab-NN` runs. Bad context options end with one line.
try {
  createLabApp().synth();
} catch (error) {
  if (error instanceof LabInputError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
