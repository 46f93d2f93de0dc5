import { LambdaClient } from '@aws-sdk/client-lambda';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCustomResource } from '../../kit/custom-resource-response';
import { markRelease } from './release';

const lambda = new LambdaClient({});

/**
 * Custom resource between the two AWS::Lambda::Version resources: on Create it changes the
 * function's description to the next release's, so that Lambda publishes a second version.
 * Update and Delete change nothing (the versions are deleted with the function).
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const functionName = String(event.ResourceProperties.FunctionName);
  const description = String(event.ResourceProperties.Description);
  await answerCustomResource(event, `marking a release of ${functionName} failed`, async () => {
    if (event.RequestType === 'Create') await markRelease(lambda, functionName, description);
    return `release-marker-${functionName}`;
  });
}
