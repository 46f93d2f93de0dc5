import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import { type CompatibilityStep, hasResource } from './step';

/**
 * MiniStack's CloudFormation creates AWS::Lambda::Function without its ReservedConcurrentExecutions
 * (GetFunctionConcurrency returns none), while its Lambda API applies the setting when it is put
 * with PutFunctionConcurrency. On MiniStack a custom resource next to each such function puts it
 * during the deploy.
 */
export const functionReservedConcurrency: CompatibilityStep = {
  name: 'function-reserved-concurrency',
  target: 'ministack',
  why:
    'MiniStack CloudFormation drops ReservedConcurrentExecutions from AWS::Lambda::Function (the function would ' +
    'never be throttled); on MiniStack a custom resource next to each such function sets it through ' +
    'PutFunctionConcurrency during the deploy.',
  covers: {
    resourceTypes: ['AWS::Lambda::Function'],
    behaviour: 'functions with ReservedConcurrentExecutions',
    appliesTo: (template) =>
      hasResource(template, ['AWS::Lambda::Function'], (p) => p.ReservedConcurrentExecutions !== undefined),
  },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.functionReservedConcurrency,
  transform(node, stack) {
    if (!(node instanceof CfnFunction) || !node.node.scope) return;
    const reserved = stack.resolve(node.reservedConcurrentExecutions) as unknown;
    if (reserved === undefined) return;
    compatibilityResource(
      node.node.scope,
      `${node.node.id}ReservedConcurrency`,
      COMPAT_RESOURCE_TYPES.functionReservedConcurrency,
      { FunctionName: node.ref, ReservedConcurrentExecutions: reserved },
    );
  },
};
