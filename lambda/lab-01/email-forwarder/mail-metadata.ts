/**
 * What the forwarder sends to the internal service about one received mail. Only metadata: the
 * body can be up to 150 KB through SNS and the service does not need it.
 */
export interface MailMetadata {
  messageId: string;
  from: string[];
  to: string[];
  subject: string;
  timestamp: string;
}

/** A notification that is not an SES "Received" notification we can read. */
export class MalformedNotificationError extends Error {
  constructor(message: string) {
    super(`Malformed SES notification: ${message}`);
    this.name = 'MalformedNotificationError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new MalformedNotificationError(`${field} must be a non-empty list of strings`);
  }
  return value as string[];
}

/**
 * Reads the mail metadata from the `Message` of an SNS record that SES published.
 *
 * Prefers the parsed headers (`commonHeaders.from`, `to`, `subject`) and falls back to the
 * envelope (`mail.source`, `mail.destination`) when a header is missing, as SES omits headers
 * a message does not carry. A mail without a subject gets an empty one.
 *
 * @throws MalformedNotificationError naming the first field that is missing or of the wrong type
 */
export function parseSesNotification(snsMessage: string): MailMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(snsMessage);
  } catch {
    throw new MalformedNotificationError('the SNS message is not JSON');
  }
  if (!isObject(parsed)) throw new MalformedNotificationError('the SNS message is not a JSON object');
  if (parsed.notificationType !== 'Received') {
    throw new MalformedNotificationError(
      `notificationType is ${JSON.stringify(parsed.notificationType)}, expected "Received"`,
    );
  }
  const mail = parsed.mail;
  if (!isObject(mail)) throw new MalformedNotificationError('mail is missing');
  if (typeof mail.messageId !== 'string' || mail.messageId === '') {
    throw new MalformedNotificationError('mail.messageId is missing');
  }
  if (typeof mail.timestamp !== 'string' || Number.isNaN(Date.parse(mail.timestamp))) {
    throw new MalformedNotificationError('mail.timestamp is not an ISO 8601 time');
  }
  const headers = isObject(mail.commonHeaders) ? mail.commonHeaders : {};
  const from = headers.from !== undefined ? stringList(headers.from, 'mail.commonHeaders.from') : [];
  if (from.length === 0) {
    if (typeof mail.source !== 'string')
      throw new MalformedNotificationError('neither commonHeaders.from nor mail.source is given');
    from.push(mail.source);
  }
  const to =
    headers.to !== undefined
      ? stringList(headers.to, 'mail.commonHeaders.to')
      : stringList(mail.destination, 'mail.destination');
  if (headers.subject !== undefined && typeof headers.subject !== 'string') {
    throw new MalformedNotificationError('mail.commonHeaders.subject must be a string');
  }
  return {
    messageId: mail.messageId,
    from,
    to,
    subject: (headers.subject as string | undefined) ?? '',
    timestamp: mail.timestamp,
  };
}
