/** What the greeter answers, decided from the request alone (no AWS calls): kept pure for tests. */

/** The part of an API Gateway REST proxy event the greeter reads. */
export interface GreeterEvent {
  readonly path?: string;
  readonly requestContext?: { readonly stage?: string };
}

/** A Lambda proxy integration response: what API Gateway turns into the HTTP answer. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The body of a well-formed answer: which version of the function answered, invoked through which alias or version. */
export interface Greeting {
  readonly version: string;
  readonly invokedAs: string;
  readonly stage: string | null;
  /** The GREETING environment variable of the version that ran (null when it has none). */
  readonly greeting: string | null;
}

/** The alias or version number a function was invoked through (`unqualified` for none), from its invoked ARN. */
export function qualifierOf(invokedFunctionArn: string): string {
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  const parts = invokedFunctionArn.split(':');
  return parts.length > 7 ? parts[7] : 'unqualified';
}

/**
 * The answer to one request. Any path ending in `/malformed` gets a body that is an object instead
 * of a string: a proxy response API Gateway cannot use (it answers 502 instead).
 */
export function respond(
  event: GreeterEvent,
  functionVersion: string,
  invokedFunctionArn: string,
  greetingVariable?: string,
): ProxyResponse | Record<string, unknown> {
  const greeting: Greeting = {
    version: functionVersion,
    invokedAs: qualifierOf(invokedFunctionArn),
    stage: event.requestContext?.stage ?? null,
    greeting: greetingVariable ?? null,
  };
  if (event.path?.endsWith('/malformed')) {
    // The mistake on purpose: `body` must be a string; API Gateway answers 502 to this.
    return { statusCode: 200, body: greeting };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(greeting),
  };
}
