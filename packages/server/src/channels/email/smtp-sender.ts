import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../../storage/store.js';
import type { ChannelSender } from '../channel-sender.js';
import type { OutgoingItem, SendOutcome } from '../outgoing-item.js';
import { describeMailError, serverOf, type MailConnectionStatus } from './imap-inbox.js';
import { replySubject } from './read-email.js';
import { EMAIL_CHANNEL } from './store-incoming-email.js';

/** The From address: "support@example.com" or "Example Support <support@example.com>". */
export interface EmailFrom {
  address: string;
  /** The team's name, shown after the agent's: "Priya (Example Support)". */
  name: string | null;
}

/** Reads CALMDESK_EMAIL_FROM; undefined when it is not an address. */
export function parseEmailFrom(value: string): EmailFrom | undefined {
  const match = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))\s*$/.exec(
    value,
  );
  if (match === null) return undefined;
  const address = (match[2] ?? match[3])!;
  const name = match[1]?.trim();
  return { address, name: name === undefined || name === '' ? null : name };
}

export interface SmtpSenderOptions {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://... */
  url: string;
  from: EmailFrom;
  store: Store;
  now: () => Date;
  /** A transport of the caller's (tests); by default one pooled SMTP connection per URL. */
  transport?: Transporter;
}

export interface SmtpSender extends ChannelSender {
  status(): MailConnectionStatus;
  /** Checks the server and the sign-in once (at start-up), setting the status. */
  verify(): Promise<void>;
  close(): void;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The simple HTML part: the reply's paragraphs and line breaks, every character escaped. */
export function replyHtml(text: string): string {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family: sans-serif">${paragraphs.join('\n')}</body></html>`;
}

/** The Message-ID of a reply, made from its message id: the same on every attempt. */
export function replyMessageId(messageId: string, fromAddress: string): string {
  return `calmdesk.${messageId}@${fromAddress.split('@')[1] ?? 'calmdesk.invalid'}`;
}

function transportFor(url: string): Transporter {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port || (secure ? 465 : 587)),
    secure,
    auth:
      parsed.username === ''
        ? undefined
        : { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    // One connection per mail: nothing to go stale when the server restarts between replies.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

/**
 * Replies by email, through the shared outbox: From the configured address with the agent's
 * name, To the customer, "Re: <subject> [#CD-token]", In-Reply-To the customer's latest mail and
 * References the thread, plain text plus a simple HTML part. Notes stay in Calmdesk. The reply's
 * Message-ID is the same on every attempt and recorded before sending, so the customer's answer
 * threads even before the server has confirmed, and an attempt in doubt that the server did
 * confirm is not sent again.
 */
export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const server = serverOf(options.url);
  const transport = options.transport ?? transportFor(options.url);
  let current: MailConnectionStatus = {
    state: 'connecting',
    error: null,
    since: options.now().toISOString(),
    server,
  };
  const setStatus = (state: MailConnectionStatus['state'], error: string | null) => {
    if (current.state === state && current.error === error) return;
    current = { state, error, since: options.now().toISOString(), server };
  };

  async function send(item: OutgoingItem, signal: AbortSignal): Promise<SendOutcome> {
    const message = item.message;
    if (message === undefined) return { kind: 'failed', reason: 'nothing to send by email' };
    const to = item.contact.email;
    if (to === null || to === '') {
      return { kind: 'failed', reason: 'the customer has no email address to reply to' };
    }
    const { store } = options;
    const messageId = replyMessageId(message.id, options.from.address);
    const known = await store.getEmail(messageId);
    if (known?.sentAt != null) return { kind: 'sent', externalId: `email:${messageId}` };

    const thread = (await store.listEmailThread(item.conversation.id)).filter(
      (e) => (e.kind === 'customer' || e.kind === 'reply') && e.messageId !== messageId,
    );
    const lastFromCustomer = thread.filter((e) => e.direction === 'incoming').at(-1);
    // The first mail (the thread's root) and the latest 19: what mail clients thread by.
    const references = [
      ...new Set([...thread.slice(0, 1), ...thread.slice(-19)].map((e) => e.messageId)),
    ];
    const subject = replySubject(item.conversation.subject, item.conversation.id);
    await store.recordEmail({
      messageId,
      conversationId: item.conversation.id,
      calmdeskMessageId: message.id,
      direction: 'outgoing',
      kind: 'reply',
      note: null,
      fromAddress: options.from.address,
      subject,
      attachments: '[]',
      createdAt: options.now().toISOString(),
      sentAt: null,
    });
    const agent = message.authorName ?? options.from.name ?? 'Support';
    const fromName =
      options.from.name !== null && options.from.name !== agent
        ? `${agent} (${options.from.name})`
        : agent;
    try {
      // The worker's deadline for this attempt: past it the outcome is unknown, so the item is
      // retried in doubt (and not sent again if the server's acceptance was recorded meanwhile).
      const deadline = new Promise<never>((_, reject) => {
        const abort = () =>
          reject(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' }));
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort, { once: true });
      });
      const sending = transport.sendMail({
        from: { name: fromName, address: options.from.address },
        to: { name: item.contact.name ?? '', address: to },
        subject,
        text: message.text,
        html: replyHtml(message.text),
        messageId: `<${messageId}>`,
        ...(lastFromCustomer === undefined ? {} : { inReplyTo: `<${lastFromCustomer.messageId}>` }),
        ...(references.length === 0 ? {} : { references: references.map((r) => `<${r}>`) }),
      });
      // If the deadline wins, the late result still records an acceptance the server gave.
      void sending.then(
        () => store.markEmailSent(messageId, options.now().toISOString()),
        () => undefined,
      );
      await Promise.race([sending, deadline]);
    } catch (error) {
      const reason = describeMailError(error, server);
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code !== 535) {
        // A permanent refusal (an unknown recipient, say) will not change by trying again;
        // a refused sign-in (535) will once an admin fixes the password, so that is retried.
        setStatus('connected', null);
        return { kind: 'failed', reason };
      }
      setStatus('error', reason);
      // Without an answer from the server, the mail may have gone: the next attempt checks.
      return { kind: 'retry', reason, inDoubt: code === undefined };
    }
    await store.markEmailSent(messageId, options.now().toISOString());
    setStatus('connected', null);
    return { kind: 'sent', externalId: `email:${messageId}` };
  }

  return {
    name: EMAIL_CHANNEL,
    accepts: (conversation) => conversation.channel === EMAIL_CHANNEL,
    delivers: (kind) => kind === 'reply',
    send: (item, signal) => send(item, signal),
    status: () => ({ ...current }),
    async verify() {
      try {
        await transport.verify();
        setStatus('connected', null);
      } catch (error) {
        setStatus('error', describeMailError(error, server));
      }
    },
    close: () => transport.close(),
  };
}
