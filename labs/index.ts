// Generated from the folders under labs/ by `npm run docs` and `npm run new-lab`: do not edit.
// test/kit/catalogue.test.ts fails when it and the folders disagree.
import type { LabDefinition } from '../lib/lab/catalogue';
import { definition as lab01 } from './lab-01-email-hook/lab';
import { definition as lab02 } from './lab-02-fan-out/lab';
import { definition as lab03 } from './lab-03-web-tier/lab';
import { definition as lab04 } from './lab-04-change-data-capture/lab';
import { definition as lab05 } from './lab-05-vpc-from-scratch/lab';
import { definition as lab06 } from './lab-06-s3-data-protection/lab';
import { definition as lab07 } from './lab-07-cloudfront-private-origin/lab';
import { definition as lab08 } from './lab-08-serverless-api/lab';
import { definition as lab09 } from './lab-09-workflows/lab';
import { definition as lab10 } from './lab-10-event-routing/lab';
import { definition as lab11 } from './lab-11-streaming/lab';
import { definition as lab13 } from './lab-13-keys-secrets-policies/lab';

/** Every lab of the kit, in lab-number order. */
// biome-ignore format: generated, one lab per line
export const LABS: readonly LabDefinition[] = [
  lab01,
  lab02,
  lab03,
  lab04,
  lab05,
  lab06,
  lab07,
  lab08,
  lab09,
  lab10,
  lab11,
  lab13,
];
