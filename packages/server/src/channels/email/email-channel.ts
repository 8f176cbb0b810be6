/**
 * The email channel (issue 14): Calmdesk reads a support mailbox and replies from it.
 *
 * In: `ImapInbox` waits on the mailbox with IDLE (and polls as a fallback), hands each unseen mail
 * to `readEmail` (threading ids, auto-reply and bounce detection, the new text without quotes and
 * signatures, attachments listed) and `storeIncomingEmail` (the ingest pipeline, source 'email'),
 * and flags it seen only once it is stored. Out: `createSmtpSender` is registered with the
 * channels' registry for conversations whose channel is 'email', so replies go through the shared
 * outbox (retries, never twice). `health()` says how both connections stand, for GET /api/health
 * and the web app's banner.
 */
import type { IngestService } from '../../ingest/ingest-service.js';
import type { Store } from '../../storage/store.js';
import { ImapInbox, type MailConnectionStatus } from './imap-inbox.js';
import { readEmail } from './read-email.js';
import { createSmtpSender, parseEmailFrom, type SmtpSender } from './smtp-sender.js';
import { storeIncomingEmail } from './store-incoming-email.js';

/** The settings the email channel reads (config.ts). */
export interface EmailSettings {
  imapUrl?: string | undefined;
  smtpUrl?: string | undefined;
  emailMailbox: string;
  emailFrom?: string | undefined;
}

/** How the email channel stands; null for a half that is not configured. */
export interface EmailHealth {
  inbound: MailConnectionStatus | null;
  outbound: MailConnectionStatus | null;
}

export interface EmailChannelOptions {
  store: Store;
  now: () => Date;
  onError?: (message: string) => void;
  /** The poll behind IDLE, in milliseconds. */
  pollMs?: number;
}

export interface EmailChannel {
  /** The SMTP sender to register with the channels, when SMTP and a From address are set. */
  readonly sender: SmtpSender | undefined;
  /** Starts reading the mailbox (when IMAP is set) and checks the SMTP server. */
  start(ingest: IngestService): void;
  stop(): Promise<void>;
  health(): EmailHealth;
}

/** The email channel the settings describe; undefined when none of it is configured. */
export function createEmailChannel(
  settings: EmailSettings,
  options: EmailChannelOptions,
): EmailChannel | undefined {
  if (settings.imapUrl === undefined && settings.smtpUrl === undefined) return undefined;
  const from = settings.emailFrom === undefined ? undefined : parseEmailFrom(settings.emailFrom);
  const sender =
    settings.smtpUrl === undefined || from === undefined
      ? undefined
      : createSmtpSender({ url: settings.smtpUrl, from, store: options.store, now: options.now });
  let inbox: ImapInbox | undefined;
  return {
    sender,
    start(ingest) {
      if (settings.imapUrl !== undefined && inbox === undefined) {
        inbox = new ImapInbox({
          url: settings.imapUrl,
          mailbox: settings.emailMailbox,
          now: options.now,
          pollMs: options.pollMs,
          onError: options.onError,
          handle: async (raw) => {
            await storeIncomingEmail(await readEmail(raw), {
              store: options.store,
              ingest,
              now: options.now,
            });
          },
        });
        inbox.start();
      }
      void sender?.verify().then(() => {
        const status = sender.status();
        if (status.error !== null) options.onError?.(status.error);
      });
    },
    async stop() {
      await inbox?.stop();
      sender?.close();
    },
    health: () => ({
      inbound: inbox?.status() ?? null,
      outbound: sender?.status() ?? null,
    }),
  };
}
