import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';

/** What a custom resource's work returns: its physical id, and the attributes it has if any. */
export type CustomResourceResult =
  | string
  | { readonly physicalId: string; readonly data: Record<string, string> };

/**
 * Runs a custom resource's work and always answers CloudFormation's pre-signed response URL, also
 * on failure: an unanswered custom resource blocks its stack until the resource's timeout (an hour
 * by default). `apply` returns the physical resource id, or the id with the attributes that
 * `Fn::GetAtt` reads (`Data`); a throw becomes FAILED with `failure` and the error as the reason.
 */
export async function answerCustomResource(
  event: CloudFormationCustomResourceEvent,
  failure: string,
  apply: () => Promise<CustomResourceResult>,
): Promise<void> {
  let response: CloudFormationCustomResourceResponse = {
    Status: 'SUCCESS',
    PhysicalResourceId:
      'PhysicalResourceId' in event ? event.PhysicalResourceId : `${event.LogicalResourceId}-failed`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  try {
    const result = await apply();
    if (typeof result === 'string') response.PhysicalResourceId = result;
    else response = { ...response, PhysicalResourceId: result.physicalId, Data: result.data };
  } catch (error) {
    console.error(error);
    response = { ...response, Status: 'FAILED', Reason: `${failure}: ${String(error)}`.slice(0, 1000) };
  }
  const body = JSON.stringify(response);
  await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
}
