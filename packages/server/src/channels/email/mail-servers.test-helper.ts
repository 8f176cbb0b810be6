import { ImapFlow } from 'imapflow';
import { createConnection } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';

/**
 * The local mail servers `scripts/start-mail.sh` starts (Dovecot for IMAP, Postfix for SMTP),
 * at CALMDESK_TEST_IMAP_URL and CALMDESK_TEST_SMTP_URL. Every address at calmdesk.test and
 * customer.test has a mailbox, signed in to with MAIL_PASSWORD, so each test makes fresh ones.
 * Without the servers the tests are skipped with a message saying so; with CI=true they fail.
 */
export const TEST_IMAP_URL = process.env.CALMDESK_TEST_IMAP_URL ?? 'imap://127.0.0.1:1143';
export const TEST_SMTP_URL = process.env.CALMDESK_TEST_SMTP_URL ?? 'smtp://127.0.0.1:2525';
export const MAIL_PASSWORD = 'calmdesk-mail';

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether the email tests should run: skipped with a warning without the servers, failing in CI. */
export async function shouldRunMail(): Promise<boolean> {
  const [imap, smtp] = await Promise.all([answers(TEST_IMAP_URL), answers(TEST_SMTP_URL)]);
  if (imap && smtp) return true;
  const message =
    `Email tests SKIPPED: no IMAP server at ${TEST_IMAP_URL} or no SMTP server at ${TEST_SMTP_URL} ` +
    '(CALMDESK_TEST_IMAP_URL, CALMDESK_TEST_SMTP_URL); run scripts/start-mail.sh as root to run them';
  if (process.env.CI === 'true') throw new Error(`CI=true requires the mail servers: ${message}`);
  console.warn(message);
  return false;
}

/** A new address no earlier test or run has used. */
export function freshAddress(local: string, domain: 'calmdesk.test' | 'customer.test'): string {
  return `${local}-${crypto.randomUUID().slice(0, 8)}@${domain}`;
}

/** The IMAP URL Calmdesk signs in to this mailbox with. */
export function imapUrlFor(address: string, password = MAIL_PASSWORD): string {
  const url = new URL(TEST_IMAP_URL);
  url.username = encodeURIComponent(address);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** Sends a mail through the test Postfix, as a customer's mail client would. */
export async function sendMail(message: SendMailOptions): Promise<void> {
  const { hostname, port } = new URL(TEST_SMTP_URL);
  const transport = nodemailer.createTransport({ host: hostname, port: Number(port) });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

export interface ReceivedMail {
  uid: number;
  source: Buffer;
}

/** Every mail in a mailbox's INBOX, oldest first. */
export async function readMailbox(address: string): Promise<ReceivedMail[]> {
  const { hostname, port } = new URL(TEST_IMAP_URL);
  const client = new ImapFlow({
    host: hostname,
    port: Number(port),
    secure: false,
    auth: { user: address, pass: MAIL_PASSWORD },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out: ReceivedMail[] = [];
      if ((client.mailbox === false ? 0 : client.mailbox.exists) === 0) return out;
      for await (const m of client.fetch('1:*', { uid: true, source: true })) {
        if (m.source !== undefined) out.push({ uid: m.uid, source: m.source });
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Waits until `check` returns a value (not undefined), trying every 100 ms for `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  ms = 40_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
