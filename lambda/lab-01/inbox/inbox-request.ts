/** A mail event as the internal service stores it. */
export interface InboxRecord {
  messageId: string;
  from: string[];
  to: string[];
  subject: string;
  timestamp: string;
}

/** A request the service refuses, with the HTTP status to answer. */
export class InboxRequestError extends Error {
  constructor(
    public readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'InboxRequestError';
  }
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');

/**
 * Validates a request to the inbox service.
 * @throws InboxRequestError 405 for a method other than POST, 400 for a body that is not a mail event
 */
export function parseInboxRequest(
  method: string,
  body: string | null,
  isBase64Encoded: boolean,
): InboxRecord {
  if (method !== 'POST') throw new InboxRequestError(405, `method ${method} not allowed; POST a mail event`);
  if (!body) throw new InboxRequestError(400, 'empty body; POST a JSON mail event');
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InboxRequestError(400, 'body is not JSON');
  }
  const event = value as Partial<Record<keyof InboxRecord, unknown>>;
  if (typeof event !== 'object' || event === null)
    throw new InboxRequestError(400, 'body is not a JSON object');
  if (typeof event.messageId !== 'string' || event.messageId === '')
    throw new InboxRequestError(400, 'messageId is required');
  if (!isStringList(event.from))
    throw new InboxRequestError(400, 'from must be a non-empty list of addresses');
  if (!isStringList(event.to)) throw new InboxRequestError(400, 'to must be a non-empty list of addresses');
  if (typeof event.subject !== 'string') throw new InboxRequestError(400, 'subject must be a string');
  if (typeof event.timestamp !== 'string') throw new InboxRequestError(400, 'timestamp must be a string');
  return {
    messageId: event.messageId,
    from: event.from,
    to: event.to,
    subject: event.subject,
    timestamp: event.timestamp,
  };
}
