import { createHash } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import {
  simpleParser,
  type AddressObject,
  type HeaderValue,
  type StructuredHeader,
} from 'mailparser';

/**
 * What a message is to the help desk. Only `customer` mail is analysed and counted: an
 * out-of-office answer or a bounce says nothing about how the customer feels.
 */
export type EmailKind = 'customer' | 'auto_reply' | 'bounce';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** In bytes. */
  size: number;
}

/** One received email, read for the help desk. */
export interface ReadEmail {
  /** The Message-ID without its angle brackets; one made from the content when it has none. */
  messageId: string;
  /** In-Reply-To and References, oldest first, without angle brackets and without repeats. */
  parents: string[];
  subject: string;
  from: { address: string; name: string | null } | null;
  date: Date | null;
  kind: EmailKind;
  /** Why it is an auto-reply or a bounce (the header that says so), for the record. */
  kindReason: string | null;
  /** What the sender wrote this time: earlier messages quoted below it and signatures removed. */
  newText: string;
  /** The whole text body (HTML turned into text when there is no plain part). */
  fullText: string;
  /** Listed by name, type and size; their content is never kept. */
  attachments: EmailAttachment[];
  /** The conversation token found in the subject ("[#CD-7K2M9QXA]"), if any. */
  threadToken: string | null;
}

const TOKEN_IN_SUBJECT = /\[#CD-([A-Z0-9]{8})\]/;
const TOKEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A conversation's subject token, made from its id so it is the same on every reply and needs no
 * storing: 8 characters of an alphabet without look-alikes (0/O, 1/I), 40 bits of the id's hash.
 */
export function threadTokenFor(conversationId: string): string {
  const digest = createHash('sha256').update(conversationId).digest();
  let token = '';
  for (let i = 0; i < 8; i++) token += TOKEN_ALPHABET[digest[i]! % TOKEN_ALPHABET.length];
  return token;
}

/** "Re: <subject> [#CD-XXXXXXXX]": the customer's mail client keeps both when they answer. */
export function replySubject(subject: string | null, conversationId: string): string {
  const token = `[#CD-${threadTokenFor(conversationId)}]`;
  const base = (subject ?? '').replace(TOKEN_IN_SUBJECT, '').trim();
  const withoutPrefixes = base.replace(/^((re|aw|sv|fw|fwd|tr)\s*:\s*)+/i, '').trim();
  return `Re: ${withoutPrefixes === '' ? 'Your message' : withoutPrefixes} ${token}`;
}

function stripBrackets(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim();
}

function idsOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((v) => v.split(/[\s,]+/))
    .map(stripBrackets)
    .filter((v) => v !== '');
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v)).join(',');
  if (typeof value !== 'object' || value === null) return '';
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value && typeof value.text === 'string') return value.text;
  return '';
}

/** A structured header's main value and parameters (Content-Type: value; name=param). */
function structured(value: HeaderValue | undefined): StructuredHeader | undefined {
  return typeof value === 'object' &&
    !Array.isArray(value) &&
    'params' in value &&
    typeof value.value === 'string'
    ? (value as StructuredHeader)
    : undefined;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): ReadEmail['from'] {
  const object = Array.isArray(from) ? from[0] : from;
  const first = object?.value[0];
  if (first?.address === undefined || first.address === '') return null;
  return { address: first.address.toLowerCase(), name: first.name === '' ? null : first.name };
}

/**
 * Decides whether a mail was written by a person or sent by a machine, from the headers the
 * standards and the big mail systems use: RFC 3834's Auto-Submitted, Microsoft's
 * X-Auto-Response-Suppress (Exchange sets it on its own out-of-office answers), X-Autoreply and
 * X-Autorespond, Precedence, and RFC 3464 delivery status reports for bounces.
 */
function classify(headers: Map<string, HeaderValue>): { kind: EmailKind; reason: string | null } {
  const contentType = structured(headers.get('content-type'));
  if (
    contentType?.value.toLowerCase() === 'multipart/report' &&
    /delivery-status/i.test(contentType.params['report-type'] ?? '')
  ) {
    return {
      kind: 'bounce',
      reason: 'Content-Type: multipart/report; report-type=delivery-status',
    };
  }
  if (headers.has('x-failed-recipients')) {
    return { kind: 'bounce', reason: 'X-Failed-Recipients' };
  }
  const autoSubmitted = headerText(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted !== '' && autoSubmitted !== 'no') {
    return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = headerText(headers.get(name)).trim().toLowerCase();
    if (headers.has(name) && value !== 'no' && value !== 'false') {
      return { kind: 'auto_reply', reason: name };
    }
  }
  const suppress = headerText(headers.get('x-auto-response-suppress')).toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress)) {
    return { kind: 'auto_reply', reason: `X-Auto-Response-Suppress: ${suppress}` };
  }
  const precedence = headerText(headers.get('precedence')).trim().toLowerCase();
  if (['auto_reply', 'bulk', 'junk', 'list'].includes(precedence)) {
    return { kind: 'auto_reply', reason: `Precedence: ${precedence}` };
  }
  return { kind: 'customer', reason: null };
}

/**
 * The part of a reply that is new: the reply parser drops quoted earlier messages ("On ... wrote:"
 * in its several forms, Outlook's "From: ... Sent: ..." block, "> " lines) and signatures ("-- ",
 * "Sent from my iPhone"). A mail that is all quote keeps its full text rather than becoming empty.
 */
export function newTextOf(fullText: string): string {
  const normalised = fullText.replace(/\r\n?/g, '\n');
  const visible = new EmailReplyParser().read(normalised).getVisibleText().trim();
  return visible === '' ? normalised.trim() : visible;
}

/**
 * Reads a raw RFC 5322 message: its ids for threading, who sent it, whether a person wrote it,
 * the new text to analyse and the attachments it lists. Never throws on a malformed mail: what
 * cannot be read is left empty.
 */
export async function readEmail(raw: Buffer | string): Promise<ReadEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const fullText = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  const { kind, reason } = classify(mail.headers);
  const parents = [...new Set([...idsOf(mail.references), ...idsOf(mail.inReplyTo)])];
  const messageId =
    mail.messageId !== undefined && stripBrackets(mail.messageId) !== ''
      ? stripBrackets(mail.messageId)
      : `sha256-${createHash('sha256').update(raw).digest('hex')}@calmdesk.invalid`;
  const subject = (mail.subject ?? '').trim();
  return {
    messageId,
    parents,
    subject,
    from: firstAddress(mail.from),
    date: mail.date ?? null,
    kind,
    kindReason: reason,
    newText: fullText === '' ? '' : newTextOf(fullText),
    fullText,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? 'unnamed',
      contentType: a.contentType,
      size: a.size,
    })),
    threadToken: TOKEN_IN_SUBJECT.exec(subject)?.[1] ?? null,
  };
}
