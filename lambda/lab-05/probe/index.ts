import { attempt, type ProbeResult, parseTargets } from './attempt';

/**
 * The probe: invoked with `{ targets: [{ name, url, timeoutMs? }] }`, it tries each URL from the
 * subnet it runs in and answers what happened to each, so an experiment sees which network paths
 * this tier has (internet, S3 and DynamoDB through their gateway endpoints, plain HTTP past the NACL).
 */
export async function handler(event: unknown): Promise<{ results: ProbeResult[] }> {
  const targets = parseTargets(event);
  const results = await Promise.all(targets.map((t) => attempt(t)));
  return { results };
}
