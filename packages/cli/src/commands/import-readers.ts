import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { readChatwootEvent, readEmail } from '@calmdesk/server';
import type { IngestMessageInput } from '@calmdesk/server/contract';
import { splitMbox } from './import-mbox.js';

export const IMPORT_FORMATS = ['jsonl', 'csv', 'mbox', 'eml', 'chatwoot', 'zendesk'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One thing read from an archive: a message to import, or why a record could not be read. */
export type ImportItem =
  | { where: string; message: IngestMessageInput }
  | { where: string; error: string }
  | { where: string; skipped: string };

/** Message fields a CSV column can fill. */
export const CSV_FIELDS = [
  'text',
  'sentAt',
  'externalId',
  'contact',
  'contactName',
  'contactEmail',
  'conversation',
  'channel',
  'subject',
  'direction',
  'authorName',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvMapping = Partial<Record<CsvField, string>>;

export interface ReadArchiveOptions {
  /** CSV: which column fills which field (default: columns named as the fields). */
  csvMapping?: CsvMapping;
  /** mbox and eml: addresses (or "@domain"s) of the team: their mail is outgoing. */
  agentAddresses?: readonly string[];
  /** Told the bytes of each chunk read, for the progress line. */
  onRead?: (bytes: number) => void;
}

/** Ids longer than the ingest accepts (200) become a hash that stays unique. */
function shortId(id: string): string {
  return id.length <= 190 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** A stable id for a record that has none of its own: the file's name and where in it. */
function derivedId(file: string, where: string | number): string {
  return shortId(`import:${basename(file)}:${where}`);
}

/** Reads the messages of one archive file, record by record, streaming. Never throws on content. */
export function readArchive(
  file: string,
  format: ImportFormat,
  options: ReadArchiveOptions = {},
): AsyncGenerator<ImportItem> {
  const open = (): ReadStream => {
    const stream = createReadStream(file);
    if (options.onRead !== undefined) {
      const onRead = options.onRead;
      stream.on('data', (chunk) => onRead(chunk.length));
    }
    return stream;
  };
  switch (format) {
    case 'jsonl':
      return readJsonLines(file, open);
    case 'csv':
      return readCsv(file, open, options.csvMapping ?? {});
    case 'mbox':
      return readMbox(file, open, options.agentAddresses ?? []);
    case 'eml':
      return readEml(file, options.agentAddresses ?? []);
    case 'chatwoot':
      return readRecords(file, open, readChatwootRecord);
    case 'zendesk':
      return readRecords(file, open, readZendeskRecord);
  }
}

async function* numberedLines(input: Readable): AsyncGenerator<{ n: number; line: string }> {
  const lines = createInterface({
    input: input.setEncoding('utf8'),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    yield { n, line };
  }
}

/** JSON lines in the shape of POST /api/v1/messages; the contract's schema checks them later. */
async function* readJsonLines(file: string, open: () => Readable): AsyncGenerator<ImportItem> {
  const name = basename(file);
  for await (const { n, line } of numberedLines(open())) {
    if (line.trim() === '') continue;
    const where = `${name}:${n}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { where, error: 'not valid JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { where, error: 'not a JSON object' };
      continue;
    }
    const message = value as IngestMessageInput;
    yield {
      where,
      message:
        message.externalId === undefined ? { ...message, externalId: derivedId(file, n) } : message,
    };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * Decodes each line on its own: UTF-8 when it is valid UTF-8, else Windows-1252 (Latin-1 as
 * Excel and older help desks write it). Archives glued from several exports mix both; a newline
 * byte is the same in both, so cutting at it never splits a character.
 */
export class MixedEncodingLines extends Transform {
  private rest: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const end = data.lastIndexOf(0x0a);
    if (end < 0) {
      this.rest = data;
      done();
      return;
    }
    this.rest = data.subarray(end + 1);
    done(null, decodeLines(data.subarray(0, end + 1)));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.rest.length === 0 ? undefined : decodeLines(this.rest));
  }
}

function decodeLines(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Some line is not UTF-8: decide line by line.
    const out: string[] = [];
    let from = 0;
    while (from < bytes.length) {
      const at = bytes.indexOf(0x0a, from);
      const to = at < 0 ? bytes.length : at + 1;
      const line = bytes.subarray(from, to);
      try {
        out.push(utf8.decode(line));
      } catch {
        out.push(windows1252.decode(line));
      }
      from = to;
    }
    return out.join('');
  }
}

/** Direction words help desks export, to Calmdesk's. */
const DIRECTIONS: ReadonlyMap<string, 'incoming' | 'outgoing' | 'note'> = new Map([
  ...[
    'incoming',
    'inbound',
    'in',
    'customer',
    'contact',
    'end-user',
    'end_user',
    'requester',
    'client',
  ].map((w) => [w, 'incoming'] as const),
  ...['outgoing', 'outbound', 'out', 'agent', 'staff', 'support', 'admin', 'reply'].map(
    (w) => [w, 'outgoing'] as const,
  ),
  ...['note', 'private', 'internal'].map((w) => [w, 'note'] as const),
]);

/** Reads a date the way exports write them; undefined when it cannot be read. */
export function readTime(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return new Date(n >= 1e11 ? n : n * 1000).toISOString();
  }
  // "2024-03-01 10:22" (no zone) is taken as UTC, as help desks store it.
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)
    ? `${text.replace(' ', 'T')}Z`
    : text;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

async function* readCsv(
  file: string,
  open: () => Readable,
  mapping: CsvMapping,
): AsyncGenerator<ImportItem> {
  const name = basename(file);
  const skipped: ImportItem[] = [];
  const parser = open()
    .pipe(new MixedEncodingLines())
    .pipe(
      parse({
        columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, '').trim()),
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        bom: true,
      }),
    );
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({
      where: `${name}:${error.lines ?? '?'}`,
      error: `unreadable CSV: ${error.message}`,
    });
  });
  let columns: string[] | undefined;
  let unevenRows = 0;
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; columns: { name: string }[] | boolean; invalid_field_length: number };
  }>) {
    yield* skipped.splice(0);
    columns ??= Object.keys(record);
    const where = `${name}:${info.lines}`;
    // The parser counts such rows so far: a rise means this one.
    if (info.invalid_field_length > unevenRows) {
      unevenRows = info.invalid_field_length;
      yield { where, error: `this row has a different number of fields than the header` };
      continue;
    }
    const column = (field: CsvField): string | undefined => {
      const key = mapping[field] ?? columns!.find((c) => c.toLowerCase() === field.toLowerCase());
      const value = key === undefined ? undefined : record[key]?.trim();
      return value === '' ? undefined : value;
    };
    const text = column('text');
    if (text === undefined) {
      yield { where, error: `no text (column "${mapping.text ?? 'text'}" is empty or missing)` };
      continue;
    }
    const contact = column('contact') ?? column('contactEmail') ?? column('conversation');
    const conversation = column('conversation') ?? contact;
    if (contact === undefined || conversation === undefined) {
      yield { where, error: 'no conversation or contact column to file the message under' };
      continue;
    }
    const when = column('sentAt');
    const sentAt = when === undefined ? undefined : readTime(when);
    if (when !== undefined && sentAt === undefined) {
      yield { where, error: `unreadable date "${when}"` };
      continue;
    }
    const directionWord = column('direction')?.toLowerCase();
    const direction = directionWord === undefined ? 'incoming' : DIRECTIONS.get(directionWord);
    if (direction === undefined) {
      yield { where, error: `unknown direction "${directionWord}" (incoming, outgoing or note)` };
      continue;
    }
    const message: IngestMessageInput = {
      externalId: shortId(column('externalId') ?? derivedId(file, info.lines)),
      contact: {
        externalId: shortId(contact),
        ...optional('name', column('contactName')),
        ...optional('email', column('contactEmail')),
      },
      conversation: {
        externalId: shortId(conversation),
        ...optional('channel', column('channel')),
        ...optional('subject', column('subject')),
      },
      direction,
      text,
      ...optional('sentAt', sentAt),
      ...optional('authorName', column('authorName')),
    };
    yield { where, message };
  }
  yield* skipped.splice(0);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Whether an address is the team's: listed itself, or its "@domain" listed. */
function isAgent(address: string, agents: readonly string[]): boolean {
  const a = address.toLowerCase();
  return agents.some((x) => {
    const agent = x.trim().toLowerCase();
    return agent.startsWith('@') ? a.endsWith(agent) : a === agent;
  });
}

/** One mail, read by the email channel's reader (threads by headers, quotes and signatures removed). */
async function mailItem(
  raw: Buffer,
  where: string,
  agents: readonly string[],
): Promise<ImportItem> {
  let mail;
  try {
    mail = await readEmail(raw);
  } catch (error) {
    return {
      where,
      error: `unreadable mail: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (mail.kind !== 'customer')
    return { where, skipped: `${mail.kind} (${mail.kindReason ?? 'marked'})` };
  if (mail.from === null) return { where, error: 'no sender address' };
  const text = mail.newText.trim();
  if (text === '')
    return { where, skipped: 'no new text (only quotes, a signature or attachments)' };
  const outgoing = isAgent(mail.from.address, agents);
  // The thread is named by its first mail: the oldest id in References, else the mail's own.
  const root = mail.parents[0] ?? mail.messageId;
  const message: IngestMessageInput = {
    externalId: shortId(`email:${mail.messageId}`),
    contact: {
      // An agent's mail names no customer of its own (the customer is its recipient): it is filed
      // under its thread, whose conversation keeps the customer its first mail named.
      externalId: shortId(outgoing ? `email:thread:${root}` : `email:${mail.from.address}`),
      ...(outgoing ? {} : optional('name', mail.from.name ?? undefined)),
      ...(outgoing ? {} : { email: mail.from.address }),
    },
    conversation: {
      externalId: shortId(`email:${root}`),
      channel: 'email',
      ...optional('subject', mail.subject.slice(0, 300) || undefined),
    },
    direction: outgoing ? 'outgoing' : 'incoming',
    text: text.slice(0, 100_000),
    ...optional(
      'sentAt',
      mail.date === null || Number.isNaN(mail.date.getTime()) ? undefined : mail.date.toISOString(),
    ),
    ...(outgoing ? optional('authorName', mail.from.name ?? undefined) : {}),
  };
  return { where, message };
}

async function* readMbox(
  file: string,
  open: () => Readable,
  agents: readonly string[],
): AsyncGenerator<ImportItem> {
  const name = basename(file);
  for await (const mail of splitMbox(open())) {
    yield await mailItem(mail.raw, `${name}:${mail.line}`, agents);
  }
}

async function* readEml(file: string, agents: readonly string[]): AsyncGenerator<ImportItem> {
  yield await mailItem(await readFile(file), basename(file), agents);
}

/**
 * JSON exports: JSON lines (one record a line, streamed), or one JSON document (an array of
 * records, or an object holding them, read whole: such files are one API page, not an archive).
 */
async function* readRecords(
  file: string,
  open: () => Readable,
  readRecord: (record: unknown, where: string) => ImportItem[],
): AsyncGenerator<ImportItem> {
  const name = basename(file);
  let first = true;
  for await (const { n, line } of numberedLines(open())) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (first) {
        yield* readDocument(file, readRecord);
        return;
      }
      yield { where: `${name}:${n}`, error: 'not valid JSON' };
      continue;
    }
    if (first && Array.isArray(value)) {
      yield* readDocument(file, readRecord);
      return;
    }
    first = false;
    yield* readRecord(value, `${name}:${n}`);
  }
}

async function* readDocument(
  file: string,
  readRecord: (record: unknown, where: string) => ImportItem[],
): AsyncGenerator<ImportItem> {
  const name = basename(file);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    yield {
      where: name,
      error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
    return;
  }
  const records = Array.isArray(value) ? value : [value];
  for (const [i, record] of records.entries()) yield* readRecord(record, `${name}#${i + 1}`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Chatwoot, as its API returns it: a conversation (GET .../conversations/{id}) with its
 * `messages`, `{ "conversation": {...}, "messages": [...] }`, or a messages page
 * (`{ "meta": {...}, "payload": [...] }`, each message naming its conversation). Each message
 * is read by the Chatwoot integration's own reader, so ids match what its webhook brings later.
 */
function readChatwootRecord(record: unknown, where: string): ImportItem[] {
  if (!isObject(record)) return [{ where, error: 'not a JSON object' }];
  let conversation: Json | undefined;
  let messages: unknown[];
  if (isObject(record.conversation) && Array.isArray(record.messages)) {
    conversation = record.conversation;
    messages = record.messages;
  } else if (Array.isArray(record.payload)) {
    conversation = isObject(record.meta) ? { ...record.meta, id: undefined } : undefined;
    messages = record.payload;
  } else if (Array.isArray(record.messages)) {
    conversation = record;
    messages = record.messages;
  } else {
    return [{ where, error: 'no "messages" or "payload" list: not a Chatwoot conversation' }];
  }
  return messages.map((m, i) => {
    const at = `${where} message ${i + 1}`;
    if (!isObject(m)) return { where: at, error: 'message is not a JSON object' };
    const conv = {
      ...(conversation ?? {}),
      id: conversation?.id ?? m.conversation_id,
      ...(conversation?.account_id === undefined && m.account_id !== undefined
        ? { account_id: m.account_id }
        : {}),
    };
    const accountId = m.account_id ?? conv.account_id;
    const read = readChatwootEvent({
      event: 'message_created',
      ...m,
      account: { id: accountId },
      conversation: conv,
    });
    if (read.kind === 'message') return { where: at, message: read.message };
    if (read.kind === 'invalid') return { where: at, error: read.message };
    return { where: at, skipped: read.kind === 'ignored' ? read.reason : 'not a message' };
  });
}

/**
 * Zendesk: tickets with their comments, as the ticket export writes them (a page
 * `{ "tickets": [...], "users": [...] }`, an array of tickets, or one ticket a line). The
 * requester's comments are incoming, other public comments outgoing, private ones notes.
 */
/** Zendesk ids are integers; some tools write them as strings. Anything else is no id. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function readZendeskRecord(record: unknown, where: string): ImportItem[] {
  if (!isObject(record)) return [{ where, error: 'not a JSON object' }];
  if (Array.isArray(record.tickets)) {
    const users = new Map<string, Json>();
    for (const u of Array.isArray(record.users) ? record.users : []) {
      const id = isObject(u) ? idOf(u.id) : undefined;
      if (id !== undefined) users.set(id, u as Json);
    }
    return record.tickets.flatMap((t, i) =>
      readZendeskTicket(t, `${where} ticket ${i + 1}`, users),
    );
  }
  return readZendeskTicket(record, where, new Map());
}

function readZendeskTicket(ticket: unknown, where: string, users: Map<string, Json>): ImportItem[] {
  if (!isObject(ticket)) return [{ where, error: 'ticket is not a JSON object' }];
  const ticketId = idOf(ticket.id);
  if (ticketId === undefined) return [{ where, error: 'ticket has no "id"' }];
  if (!Array.isArray(ticket.comments)) {
    return [{ where, error: 'ticket has no "comments" list (export with comments)' }];
  }
  const requesterId = idOf(ticket.requester_id);
  const requester = isObject(ticket.requester)
    ? ticket.requester
    : requesterId === undefined
      ? undefined
      : users.get(requesterId);
  const contactId = requesterId ?? idOf(requester?.id);
  if (contactId === undefined) return [{ where, error: 'ticket has no "requester_id"' }];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return ticket.comments.map((c, i): ImportItem => {
    const at = `${where} comment ${i + 1}`;
    if (!isObject(c)) return { where: at, error: 'comment is not a JSON object' };
    const body = text(c.plain_body) ?? text(c.body);
    if (body === undefined) return { where: at, skipped: 'comment has no text' };
    const author = idOf(c.author_id);
    const direction = author === contactId ? 'incoming' : c.public === false ? 'note' : 'outgoing';
    const when = typeof c.created_at === 'string' ? readTime(c.created_at) : undefined;
    const authorName = author === undefined ? undefined : text(users.get(author)?.name);
    return {
      where: at,
      message: {
        externalId: `zendesk:comment:${idOf(c.id) ?? `${ticketId}:${i + 1}`}`,
        contact: {
          externalId: `zendesk:user:${contactId}`,
          ...optional('name', text(requester?.name)),
          ...optional('email', text(requester?.email)),
        },
        conversation: {
          externalId: `zendesk:ticket:${ticketId}`,
          channel: text(isObject(ticket.via) ? ticket.via.channel : undefined) ?? 'zendesk',
          ...optional('subject', text(ticket.subject)?.slice(0, 300)),
        },
        direction,
        text: body,
        ...optional('sentAt', when),
        ...(direction === 'incoming' ? {} : optional('authorName', authorName)),
      },
    };
  });
}
