import { createHash } from 'node:crypto';
import { IngestMessage, MAX_TEXT_LENGTH } from '../../contract/index.js';
import type { IngestService } from '../../ingest/ingest-service.js';
import type { Store } from '../../storage/store.js';
import { threadTokenFor, type ReadEmail } from './read-email.js';

/** The ingest source email arrives under, in the audit log and the conversation's channel. */
export const EMAIL_CHANNEL = 'email';

export interface StoreIncomingEmailOptions {
  store: Store;
  ingest: IngestService;
  now: () => Date;
}

export type IncomingEmailOutcome =
  | { kind: 'stored'; conversationId: string; messageId: string; temperature: number | null }
  /** Seen before (read again after a crash or a second instance): nothing changed. */
  | { kind: 'duplicate' }
  /** An auto-reply, a bounce or a mail without a sender: recorded, not analysed. */
  | { kind: 'skipped'; reason: string; conversationId: string | null };

/** Ids longer than the ingest accepts (200) are shortened to a hash that stays unique. */
function externalIdFor(prefix: string, id: string): string {
  const full = `${prefix}${id}`;
  return full.length <= 190
    ? full
    : `${prefix}sha256:${createHash('sha256').update(id).digest('hex')}`;
}

function clip(text: string, most: number): string {
  return text.length <= most ? text : text.slice(0, most);
}

/**
 * Stores one received email. A customer's mail goes through the ingest pipeline like any message
 * (source and channel 'email', the contact being its sender) into the conversation its
 * In-Reply-To, References or subject token name, or a new one. Auto-replies and bounces are
 * recorded against their conversation and never analysed: they say nothing about how the
 * customer feels. Idempotent by Message-ID, so a mail fetched again after a crash (before it was
 * flagged seen) changes nothing.
 */
export async function storeIncomingEmail(
  mail: ReadEmail,
  options: StoreIncomingEmailOptions,
): Promise<IncomingEmailOutcome> {
  const { store, ingest, now } = options;
  const known = await store.getEmail(mail.messageId);
  if (known !== undefined) return { kind: 'duplicate' };
  const thread = await store.findEmailConversation(mail.parents, mail.threadToken);
  const record = {
    messageId: mail.messageId,
    direction: 'incoming',
    kind: mail.kind,
    fromAddress: mail.from?.address ?? null,
    subject: clip(mail.subject, 300),
    attachments: JSON.stringify(mail.attachments),
    createdAt: now().toISOString(),
    sentAt: null,
  };

  const skipReason =
    mail.kind !== 'customer'
      ? `${mail.kind === 'bounce' ? 'bounce' : 'auto-reply'} (${mail.kindReason ?? 'marked'})`
      : mail.from === null
        ? 'no sender address'
        : undefined;
  if (skipReason !== undefined) {
    const conversationId = thread?.conversationId ?? null;
    const recorded = await store.recordEmail({
      ...record,
      conversationId,
      calmdeskMessageId: null,
      note: skipReason,
    });
    if (recorded) {
      await store.appendAudit({
        at: record.createdAt,
        actorId: null,
        action: 'email.skipped',
        entity: 'conversation',
        entityId: conversationId,
        details: JSON.stringify({ messageId: mail.messageId, reason: skipReason }),
      });
    }
    return { kind: 'skipped', reason: skipReason, conversationId };
  }

  const from = mail.from!;
  const listed = mail.attachments.map((a) => a.filename).join(', ');
  // A mail with only attachments still reaches the agent; its names carry no feeling to analyse.
  const text =
    mail.newText !== ''
      ? mail.newText
      : listed !== ''
        ? `(attachments: ${listed})`
        : mail.subject !== ''
          ? mail.subject
          : '(empty email)';
  // The Date header, from the sender's clock in whole seconds, unless it is in the future or
  // earlier than the mail it answers: a quick answer must not sort above the reply it quotes.
  const dated =
    mail.date !== null && !Number.isNaN(mail.date.getTime()) && mail.date <= now()
      ? mail.date.getTime()
      : now().getTime();
  const answered = thread?.answersMailOf == null ? 0 : Date.parse(thread.answersMailOf) + 1;
  const sentAt = new Date(Math.max(dated, answered)).toISOString();
  const input = IngestMessage.parse({
    externalId: externalIdFor('email:', mail.messageId),
    contact: {
      externalId: externalIdFor('email:', from.address),
      name: from.name === null ? undefined : clip(from.name, 200),
      email: from.address.length <= 320 ? from.address : undefined,
    },
    conversation: {
      externalId: thread?.externalId ?? externalIdFor('email:', mail.messageId),
      channel: EMAIL_CHANNEL,
      subject: clip(thread?.subject ?? mail.subject, 300) || undefined,
    },
    direction: 'incoming',
    text: clip(text, MAX_TEXT_LENGTH),
    sentAt,
    authorName: from.name === null ? undefined : clip(from.name, 200),
  });
  const result = await ingest.ingestOne(input, null, EMAIL_CHANNEL);
  await store.recordEmail({
    ...record,
    conversationId: result.conversationId,
    calmdeskMessageId: result.messageId,
    note: null,
  });
  await store.recordEmailThread(result.conversationId, threadTokenFor(result.conversationId));
  return {
    kind: 'stored',
    conversationId: result.conversationId,
    messageId: result.messageId,
    temperature: result.temperature,
  };
}
