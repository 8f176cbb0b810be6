import { ImapFlow } from 'imapflow';

/** How a connection to a mail server stands, as GET /api/health and the web app show it. */
export interface MailConnectionStatus {
  state: 'connecting' | 'connected' | 'error';
  /** What went wrong, in words an admin can act on; never the password. */
  error: string | null;
  /** When the state last changed, ISO 8601. */
  since: string;
  /** The server, without credentials: imap://host:port. */
  server: string;
}

export interface ImapInboxOptions {
  /** imap://user:pass@host:port or imaps://... (user and password percent-encoded). */
  url: string;
  mailbox: string;
  /**
   * Stores one raw message. The message is flagged seen only after this resolves: a crash before
   * then leaves it unseen, to be fetched and stored (idempotently) again.
   */
  handle: (raw: Buffer) => Promise<void>;
  now: () => Date;
  /** A fallback for servers or networks that lose IDLE notices: unseen mail is looked for anyway. */
  pollMs?: number;
  /** The first wait before reconnecting after a failure; doubled each time, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  onError?: (message: string) => void;
}

/** The server part of a mail URL, without its credentials, for logs and health. */
export function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** Why a connection failed, in words an admin can act on; never the password. */
export function describeMailError(error: unknown, server: string): string {
  const e = error as {
    authenticationFailed?: boolean;
    code?: string;
    responseText?: string;
    message?: string;
  };
  if (e.authenticationFailed === true || e.code === 'EAUTH') {
    return `${server} refused the sign-in: wrong user name or password`;
  }
  if (e.code === 'ECONNREFUSED') return `${server} refused the connection (is the server running?)`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `${server}: host not found`;
  if (e.code === 'ETIMEDOUT' || e.code === 'ETIMEOUT' || e.code === 'ECONNECTION') {
    return `${server} did not answer in time`;
  }
  const detail = e.responseText ?? e.message ?? String(error);
  return `${server}: ${detail}`;
}

/**
 * Reads a mailbox as mail arrives: IMAP IDLE tells it at once, a poll catches anything IDLE
 * missed, and every unseen message is handed to `handle` and then flagged seen. A lost
 * connection, a wrong password or a server that is down is reported in `status` and retried with
 * a growing wait, and never stops the rest of Calmdesk.
 */
export class ImapInbox {
  private client: ImapFlow | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private draining = false;
  private drainAgain = false;
  private wake: (() => void) | undefined;
  /** Why the last drain gave up; the session ends with it, so health names the real cause. */
  private drainError: unknown;
  private current: MailConnectionStatus;
  readonly server: string;

  constructor(private readonly options: ImapInboxOptions) {
    this.server = serverOf(options.url);
    this.current = {
      state: 'connecting',
      error: null,
      since: options.now().toISOString(),
      server: this.server,
    };
  }

  status(): MailConnectionStatus {
    return { ...this.current };
  }

  private setStatus(state: MailConnectionStatus['state'], error: string | null): void {
    if (this.current.state === state && this.current.error === error) return;
    this.current = { state, error, since: this.options.now().toISOString(), server: this.server };
    if (error !== null) this.options.onError?.(error);
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const client = this.client;
    if (client !== undefined) await client.logout().catch(() => client.close());
    await this.running;
  }

  private async run(): Promise<void> {
    let backoff = this.options.backoffMs ?? 1_000;
    while (!this.stopped) {
      try {
        await this.session();
        backoff = this.options.backoffMs ?? 1_000;
      } catch (error) {
        if (this.stopped) break;
        this.setStatus('error', describeMailError(error, this.server));
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 60_000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One connection: open, read what is unseen, then wait for news until it closes. */
  private async session(): Promise<void> {
    const url = new URL(this.options.url);
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'imaps:' ? 993 : 143)),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 5 * 60_000,
      // IDLE as soon as a drain is done (imapflow waits 15 s by default): new mail is heard at once.
      autoIdleDelay: 250,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    // A connection error is also reported by the 'close' that follows; listening keeps Node from
    // treating it as unhandled.
    let lastError: unknown;
    client.on('error', (error: unknown) => {
      lastError = error;
    });
    try {
      if (this.stopped) return;
      await client.connect();
      await client.mailboxOpen(this.options.mailbox);
      this.drainError = undefined;
      this.setStatus('connected', null);
      client.on('exists', () => void this.drain(client));
      await this.drain(client);
      const poll = setInterval(() => void this.drain(client), this.options.pollMs ?? 30_000);
      try {
        await closed;
      } finally {
        clearInterval(poll);
      }
      if (!this.stopped) {
        const cause = this.drainError ?? lastError;
        throw cause instanceof Error ? cause : new Error('the connection closed');
      }
    } finally {
      this.client = undefined;
      if (client.usable) await client.logout().catch(() => undefined);
      client.close();
    }
  }

  /**
   * Stores every unseen message, then flags it seen; one run at a time, again if news came.
   * Messages are taken in chunks: one FETCH for a chunk's sources, then stored at once across
   * senders (the ingest commits them together) but in order within one sender, so a customer's
   * second mail still finds the conversation their first one started. A chunk is flagged seen
   * only once all of it is stored; after a failure it is read again, and stored once.
   */
  private async drain(client: ImapFlow): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        const found = await client.search({ seen: false }, { uid: true });
        const uids = found === false || found === undefined ? [] : found.sort((a, b) => a - b);
        for (let i = 0; i < uids.length; i += DRAIN_CHUNK) {
          if (this.stopped || !client.usable) return;
          const chunk = uids.slice(i, i + DRAIN_CHUNK).join(',');
          const sources: { uid: number; source: Buffer }[] = [];
          for await (const m of client.fetch(chunk, { uid: true, source: true }, { uid: true })) {
            if (m.source !== undefined) sources.push({ uid: m.uid, source: m.source });
          }
          const bySender = new Map<string, Buffer[]>();
          for (const { source } of sources) {
            const sender = senderOf(source);
            bySender.set(sender, [...(bySender.get(sender) ?? []), source]);
          }
          await Promise.all(
            [...bySender.values()].map(async (mails) => {
              for (const raw of mails) await this.options.handle(raw);
            }),
          );
          await client.messageFlagsAdd(chunk, ['\\Seen'], { uid: true });
        }
      } while (this.drainAgain && !this.stopped);
    } catch (error) {
      if (this.stopped) return;
      // A failure to store leaves the message unseen; the connection is closed so the session
      // reports it and reconnects after a wait.
      this.drainError = error;
      client.close();
    } finally {
      this.draining = false;
    }
  }
}

/** Unseen messages fetched and stored together. */
const DRAIN_CHUNK = 50;

/** The From header's address, lower-cased, read from the raw headers (enough to group by). */
function senderOf(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 16_384)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const from = /^from:(.*)$/im.exec(headers)?.[1] ?? '';
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.trim().toLowerCase();
}
