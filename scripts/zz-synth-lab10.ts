import { Template } from 'aws-cdk-lib/assertions';
import { findLab } from '../lib/catalogue';
import { addLabStack } from '../lib/app';
import { testApp } from '../test/support/synth';
const stack = addLabStack(testApp(), findLab('lab-10'), (process.argv[2] as any) ?? 'aws');
console.log(JSON.stringify(Template.fromStack(stack).toJSON(), null, 1));
