import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SNSEvent } from 'aws-lambda';
import { sesReceivedNotification } from '../../../labs/lab-01-email-hook/ses-notification';
import { handler } from '../../../lambda/lab-01/email-forwarder';
import {
  MalformedNotificationError,
  parseSesNotification,
} from '../../../lambda/lab-01/email-forwarder/mail-metadata';

const mail = {
  messageId: 'm-1',
  from: 'alice@example.org',
  to: ['inbox@mail.example.com'],
  subject: 'Quarterly report',
  timestamp: '2026-11-23T10:00:00.000Z',
};

describe('parseSesNotification', () => {
  test('extracts from, to, subject, messageId and timestamp', () => {
    expect(parseSesNotification(sesReceivedNotification(mail))).toEqual({
      messageId: 'm-1',
      from: ['alice@example.org'],
      to: ['inbox@mail.example.com'],
      subject: 'Quarterly report',
      timestamp: '2026-11-23T10:00:00.000Z',
    });
  });

  test('falls back to the envelope when headers are missing, and to an empty subject', () => {
    const notification = JSON.parse(sesReceivedNotification(mail));
    notification.mail.commonHeaders = {};
    expect(parseSesNotification(JSON.stringify(notification))).toMatchObject({
      from: ['alice@example.org'],
      to: ['inbox@mail.example.com'],
      subject: '',
    });
  });

  test.each([
    ['not JSON', 'hello', /not JSON/],
    [
      'a bounce, not a received mail',
      JSON.stringify({ notificationType: 'Bounce', mail: {} }),
      /notificationType is "Bounce"/,
    ],
    ['no mail object', JSON.stringify({ notificationType: 'Received' }), /mail is missing/],
    [
      'a bad timestamp',
      JSON.stringify({ notificationType: 'Received', mail: { messageId: 'x', timestamp: 'yesterday' } }),
      /timestamp is not an ISO 8601 time/,
    ],
    [
      'recipients of the wrong type',
      JSON.stringify({
        notificationType: 'Received',
        mail: { messageId: 'x', timestamp: mail.timestamp, source: 'a@b.c', commonHeaders: { to: 'x@y.z' } },
      }),
      /commonHeaders.to must be a non-empty list/,
    ],
  ])('refuses %s with a clear error', (_name, message, expected) => {
    expect(() => parseSesNotification(message)).toThrow(MalformedNotificationError);
    expect(() => parseSesNotification(message)).toThrow(expected);
  });
});

describe('handler, against a real HTTP server on loopback', () => {
  let server: Server;
  let received: { method?: string; url?: string; body: unknown }[];
  let answer: { status: number; delayMs?: number };

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, body: JSON.parse(body) });
        setTimeout(() => response.writeHead(answer.status).end('{}'), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.SERVICE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    process.env.REQUEST_TIMEOUT_MS = '300';
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = [];
    answer = { status: 201 };
  });

  const snsEvent = (...messages: string[]): SNSEvent =>
    ({
      Records: messages.map((Message) => ({ EventSource: 'aws:sns', Sns: { Message } })),
    }) as unknown as SNSEvent;

  test('POSTs the metadata to the service', async () => {
    await expect(handler(snsEvent(sesReceivedNotification(mail)))).resolves.toEqual({ forwarded: ['m-1'] });
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/events',
        body: {
          messageId: 'm-1',
          from: [mail.from],
          to: mail.to,
          subject: mail.subject,
          timestamp: mail.timestamp,
        },
      },
    ]);
  });

  test('a non-2xx answer fails the invocation', async () => {
    answer = { status: 503 };
    await expect(handler(snsEvent(sesReceivedNotification(mail)))).rejects.toThrow(
      /Forwarding mail m-1 .* failed: the service answered HTTP 503/,
    );
  });

  test('a service slower than the timeout fails the invocation', async () => {
    answer = { status: 201, delayMs: 1000 };
    await expect(handler(snsEvent(sesReceivedNotification(mail)))).rejects.toThrow(
      /the service did not answer/,
    );
  });

  test('a malformed record fails the invocation before anything is sent', async () => {
    await expect(
      handler(snsEvent(sesReceivedNotification(mail), '{"notificationType":"Received"}')),
    ).rejects.toThrow(/Malformed SES notification: mail is missing/);
    expect(received).toEqual([]);
  });
});
