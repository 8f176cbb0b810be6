import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IngestMessage } from '@calmdesk/server/contract';
import { splitMbox } from './import-mbox.js';
import { readArchive, type ImportFormat, type ImportItem } from './import-readers.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`./import-fixtures/${name}`, import.meta.url));

async function readAll(
  name: string,
  format: ImportFormat,
  options: Parameters<typeof readArchive>[2] = {},
): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of readArchive(fixture(name), format, options)) items.push(item);
  return items;
}

const messagesOf = (items: ImportItem[]) =>
  items.flatMap((i) => ('message' in i ? [IngestMessage.parse(i.message)] : []));
const errorsOf = (items: ImportItem[]) => items.filter((i) => 'error' in i).map((i) => i.where);

describe('reading archives for import', () => {
  it('jsonl: reads each line, reports the broken one by line number, gives a stable id to a line without one', async () => {
    const items = await readAll('messages.jsonl', 'jsonl');
    expect(errorsOf(items)).toEqual(['messages.jsonl:4']);
    // The blank text is for the contract to refuse (the import reports it); it is read as given.
    const valid = items.filter((i) => 'message' in i && IngestMessage.safeParse(i.message).success);
    expect(valid).toHaveLength(4);
    const again = await readAll('messages.jsonl', 'jsonl');
    const idOfLine3 = (list: ImportItem[]) =>
      list.find((i) => i.where === 'messages.jsonl:3' && 'message' in i);
    const first = idOfLine3(items);
    expect(first && 'message' in first ? first.message.externalId : undefined).toMatch(/\S/);
    expect(idOfLine3(again)).toEqual(first);
  });

  it('csv: maps columns, reads a Latin-1 line among UTF-8 ones, keeps a quoted multi-line text, reports bad rows by line', async () => {
    const items = await readAll('tickets-latin1.csv', 'csv', {
      csvMapping: {
        conversation: 'Ticket',
        contact: 'Customer',
        contactEmail: 'Customer',
        direction: 'Type',
        sentAt: 'Date',
        text: 'Body',
      },
    });
    const messages = messagesOf(items);
    expect(messages.map((m) => m.text)).toContain(
      'Sorry Zoé, I will refund the delivery fee today.',
    );
    expect(messages.map((m) => m.text).some((t) => t.startsWith('Café'))).toBe(true);
    const multiLine = messages.find((m) => m.text.includes('\n'));
    expect(multiLine?.text).toMatch(/crashes every time/);
    expect(messages.find((m) => m.text.startsWith('Sorry'))?.direction).toBe('outgoing');
    // The row with extra fields (line 6) and the unreadable date (line 7) are reported, the rest read.
    expect(errorsOf(items)).toEqual(['tickets-latin1.csv:6', 'tickets-latin1.csv:7']);
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.conversation.externalId))).toEqual(
      new Set(['T-1', 'T-2', 'T-3']),
    );
  });

  it('mbox: keeps a thread together by its headers, drops quotes and signatures, skips auto-replies, reads a truncated last mail', async () => {
    const items = await readAll('support.mbox', 'mbox', { agentAddresses: ['@shop.test'] });
    const messages = messagesOf(items);
    expect(items.filter((i) => 'skipped' in i)).toHaveLength(1);
    const thread = messages.filter(
      (m) => m.conversation.externalId === messages[0]!.conversation.externalId,
    );
    expect(thread.map((m) => m.direction)).toEqual(['incoming', 'outgoing', 'incoming']);
    // A "From " line inside a body that is not after a blank line does not start a new mail.
    expect(thread[0]!.text).toMatch(/shop elsewhere/);
    // The agent's reply without its signature and quote; the customer's without the quote.
    expect(thread[1]!.text).toMatch(/return label/);
    expect(thread[1]!.text).not.toMatch(/money back|Shop Help Desk/);
    expect(thread[2]!.text).toMatch(/dispute the charge/);
    expect(thread[2]!.text).not.toMatch(/return label|archive/);
    // The mail cut off at the end of the file is still read, in its own conversation.
    const last = messages.at(-1)!;
    expect(last.text).toMatch(/wrong size/);
    expect(last.conversation.externalId).not.toBe(thread[0]!.conversation.externalId);
  });

  it('mbox splitter: a file cut off mid-mail yields what it holds, and unquotes >From lines', async () => {
    const mbox = 'From a@x Mon\nSubject: one\n\nbody\n>From quoted\n\nFrom b@x Tue\nSubject: tw';
    const mails = [];
    for await (const m of splitMbox(Readable.from([Buffer.from(mbox)]))) mails.push(m);
    expect(mails.map((m) => m.line)).toEqual([1, 7]);
    expect(mails[0]!.raw.toString()).toContain('\nFrom quoted');
    expect(mails[1]!.raw.toString()).toBe('Subject: tw');
  });

  it('eml: files a reply under the thread its References start, with the new text only', async () => {
    const [item] = await readAll('reply.eml', 'eml');
    const [message] = messagesOf([item!]);
    expect(message?.conversation.externalId).toBe('email:e7@customer.test');
    expect(message?.text).toMatch(/Where is my refund/);
    expect(message?.text).not.toMatch(/looking into it/);
    expect(message?.contact.email).toBe('ravi@customer.test');
  });

  it('chatwoot: reads a conversation as the API returns it with the integration ids, skipping activity and empty messages', async () => {
    const items = await readAll('chatwoot-conversation.json', 'chatwoot');
    const messages = messagesOf(items);
    expect(messages.map((m) => m.direction)).toEqual(['incoming', 'note', 'outgoing']);
    expect(new Set(messages.map((m) => m.conversation.externalId)).size).toBe(1);
    expect(messages[0]!.contact.externalId).toMatch(/77/);
    expect(messages[0]!.sentAt).toBe(new Date(1738400000 * 1000).toISOString());
    expect(items.filter((i) => 'skipped' in i)).toHaveLength(2);
  });

  it('zendesk: reads tickets with comments: the requester in, agents out, private comments as notes; a ticket without comments is reported', async () => {
    const items = await readAll('zendesk-tickets.json', 'zendesk');
    const messages = messagesOf(items);
    expect(messages.map((m) => m.direction)).toEqual(['incoming', 'note', 'outgoing', 'incoming']);
    expect(messages[2]!.text).toMatch(/cancelled the second booking/);
    expect(messages[2]!.text).not.toMatch(/<p>/);
    expect(messages[0]!.contact).toMatchObject({ name: 'Omar Diaz', email: 'omar@customer.test' });
    expect(messages[2]!.authorName).toBe('Agent Kay');
    expect(errorsOf(items)).toHaveLength(1);
  });
});
