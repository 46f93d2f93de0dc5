import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabInputError } from '../core/errors';
import { PROJECT_ROOT } from '../core/paths';

/** The project's cdk.json (the CDK CLI reads it too: the app command and the context). */
export const CDK_JSON_PATH = join(PROJECT_ROOT, 'cdk.json');

/**
 * cdk.json, parsed. A file that is not valid JSON (or not an object) ends with one line that says
 * where and how to fix it, never a stack trace.
 *
 * @throws LabInputError when the file cannot be read or is not a JSON object
 */
export function readCdkJson(path = CDK_JSON_PATH): {
  context?: Record<string, unknown>;
  [key: string]: unknown;
} {
  const shown = path === CDK_JSON_PATH ? 'cdk.json' : path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabInputError(
      `cannot read ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LabInputError(
      `${shown} is not valid JSON (${(error as Error).message.split('\n')[0]}): fix it`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LabInputError(
      `${shown} is not valid JSON for the CDK (it must be an object with "app" and "context"): fix it`,
    );
  }
  const context = (parsed as { context?: unknown }).context;
  if (context !== undefined && (!context || typeof context !== 'object' || Array.isArray(context))) {
    throw new LabInputError(`"context" in ${shown} must be an object ({ "name": value, ... }): fix it`);
  }
  return parsed as { context?: Record<string, unknown> };
}

/** The `context` object of cdk.json (empty when there is none). */
export function cdkJsonContext(path = CDK_JSON_PATH): Record<string, unknown> {
  return readCdkJson(path).context ?? {};
}
