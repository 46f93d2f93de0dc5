import type { SNSEvent } from 'aws-lambda';
import axios from 'axios';
import { type MailMetadata, parseSesNotification } from './mail-metadata';

/**
 * Forwards SES notifications from SNS to the internal service. Any failure (a malformed
 * notification, a non-2xx answer, a timeout) fails the invocation, so Lambda's async retries and
 * the on-failure destination take over; nothing is dropped silently.
 */
export async function handler(event: SNSEvent): Promise<{ forwarded: string[] }> {
  const serviceUrl = process.env.SERVICE_URL;
  if (!serviceUrl) throw new Error('SERVICE_URL is not set');
  const timeout = Number(process.env.REQUEST_TIMEOUT_MS ?? '3000');

  // Parse everything first: a bad record fails the invocation before anything is sent.
  const mails: MailMetadata[] = event.Records.map((record) => parseSesNotification(record.Sns.Message));
  for (const mail of mails) {
    try {
      await axios.post(serviceUrl, mail, {
        timeout,
        validateStatus: (status) => status >= 200 && status < 300,
      });
    } catch (error) {
      const detail = axios.isAxiosError(error)
        ? error.response
          ? `answered HTTP ${error.response.status}`
          : `did not answer (${error.code ?? error.message})`
        : String(error);
      throw new Error(`Forwarding mail ${mail.messageId} to ${serviceUrl} failed: the service ${detail}`);
    }
  }
  return { forwarded: mails.map((mail) => mail.messageId) };
}
