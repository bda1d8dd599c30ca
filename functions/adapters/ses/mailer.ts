import type { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../../shared/ports.ts';

export interface SesSettings {
  region: string;
  /** Set for the local SES stand-in; unset on AWS. */
  endpoint?: string;
  configurationSet?: string;
  /** Extra client settings (a test's fault-injecting request handler, retry settings). */
  client?: Pick<SESv2ClientConfig, 'requestHandler' | 'maxAttempts' | 'retryStrategy'>;
}

/**
 * Email through SES. The SDK loads on the first send, not at cold start: every function is wired
 * with a mailer, but only the outbox dispatcher sends, so the others never load it.
 */
export function sesMailer(settings: SesSettings): Mailer {
  let ready:
    | Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }>
    | undefined;
  const ses = () => {
    ready ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
      SendEmailCommand,
      client: new SESv2Client({
        region: settings.region,
        ...(settings.endpoint
          ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
          : {}),
        ...settings.client,
      }),
    }));
    ready.catch(() => {
      ready = undefined; // a failed load is retried by the next send
    });
    return ready;
  };
  return {
    async send(message) {
      const { client, SendEmailCommand } = await ses();
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
