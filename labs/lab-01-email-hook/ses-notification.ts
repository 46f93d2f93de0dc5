/** What goes into a simulated SES "Received" notification. */
export interface SimulatedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601. @default now */
  timestamp?: string;
  /** The raw message (SES includes it, up to 150 KB, when the SNS action is used). @default a short text mail */
  content?: string;
}

/**
 * The JSON that SES publishes to SNS for a received mail (notificationType "Received"), trimmed to
 * the fields SES always sends. Used where SES receiving is not available (emulators, no verified
 * domain) to drive the same path a real mail takes, and by the handler tests.
 */
export function sesReceivedNotification(mail: SimulatedMail): string {
  const timestamp = mail.timestamp ?? new Date().toISOString();
  return JSON.stringify({
    notificationType: 'Received',
    mail: {
      timestamp,
      source: mail.from,
      messageId: mail.messageId,
      destination: mail.to,
      headersTruncated: false,
      commonHeaders: {
        returnPath: mail.from,
        from: [mail.from],
        date: new Date(timestamp).toUTCString(),
        to: mail.to,
        messageId: `<${mail.messageId}@example.com>`,
        subject: mail.subject,
      },
    },
    receipt: {
      timestamp,
      recipients: mail.to,
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      action: { type: 'SNS', encoding: 'UTF8' },
    },
    content: mail.content ?? `From: ${mail.from}\r\nSubject: ${mail.subject}\r\n\r\nHello from the lab.\r\n`,
  });
}
