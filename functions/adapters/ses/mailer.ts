import { SESv2Client, type SESv2ClientConfig, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../../shared/ports.ts';

export interface SesSettings {
  region: string;
  /** Set for the local SES stand-in; unset on AWS. */
  endpoint?: string;
  configurationSet?: string;
  /** Extra client settings (a test's fault-injecting request handler, retry settings). */
  client?: Pick<SESv2ClientConfig, 'requestHandler' | 'maxAttempts' | 'retryStrategy'>;
}

export function sesMailer(settings: SesSettings): Mailer {
  const client = new SESv2Client({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    ...settings.client,
  });
  return {
    async send(message) {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: settings.configurationSet,
          ...(message.tags ? { EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: message.html, Charset: 'UTF-8' }, Text: { Data: message.text, Charset: 'UTF-8' } },
              ...(message.headers ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
            },
          },
        }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    },
  };
}
