/** Small helpers the service modules share: reading templates and asking whether a thing is gone. */

/** The logical id a `Ref` or `Fn::GetAtt` points at, if any. */
export function referencedId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  if (Array.isArray(v['Fn::GetAtt'])) return String(v['Fn::GetAtt'][0]);
  return undefined;
}

/** Every logical id referenced anywhere inside a value. */
export function allReferencedIds(value: unknown, into = new Set<string>()): Set<string> {
  const id = referencedId(value);
  if (id) into.add(id);
  if (Array.isArray(value)) for (const item of value) allReferencedIds(item, into);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) allReferencedIds(item, into);
  return into;
}

/** A value as a list: itself when it is one, else a list of it (none when undefined). */
export const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Number of items of a list value (0 when it is not a list). */
export const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** A logical id without CDK's 8-digit hash suffix. */
export const shortName = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

/** True when the SDK call failed because the thing does not exist. */
export async function gone(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (error) {
    const name = (error as Error).name ?? '';
    const message = (error as Error).message ?? '';
    if (/NotFound|NonExistent|DoesNotExist|NoSuch|InvalidGroup|ResourceNotFound/i.test(`${name} ${message}`))
      return true;
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return true;
    throw error;
  }
}

/** Why most configuration types cannot outlive their stack. */
export const DELETED_WITH_STACK =
  'CloudFormation deletes it with its stack (the guardrails test allows no Retain policy), nothing creates it outside CloudFormation, and a delete that fails leaves the stack in DELETE_FAILED, which sweep finds';

/** Why a part of another resource cannot outlive it: the parent is what the scan checks. */
export const partOf = (parent: string) =>
  `part of its ${parent}: it cannot exist without it, and the scan checks the ${parent}`;
