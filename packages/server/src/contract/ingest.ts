import { z } from 'zod';
import { ConversationStatus, MessageDirection } from './statuses.js';

/** The longest message text the service accepts, in UTF-16 units: a pasted log, not a book. */
export const MAX_TEXT_LENGTH = 100_000;
/** The most messages one batch may carry. */
export const MAX_BATCH = 1_000;

const externalId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .describe("Your system's id for it: the same id always means the same record.");

const isoTime = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 date-time with an offset or "Z", e.g. 2026-11-27T10:00:00Z');

/** Where a message came from and who it is about; created on first sight. */
export const ContactRef = z
  .object({
    externalId,
    name: z.string().trim().max(200).optional(),
    email: z.string().trim().max(320).optional(),
  })
  .strict();

export const ConversationRef = z
  .object({
    externalId,
    channel: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .default('api')
      .describe('email, chat, twitter, whatsapp, phone, api...'),
    subject: z.string().trim().max(300).optional(),
  })
  .strict();

/**
 * One message arriving from outside (an integration, a webhook, an import). Idempotent on
 * `externalId`: the same id delivered twice is stored once.
 */
export const IngestMessage = z
  .object({
    externalId: externalId.optional(),
    contact: ContactRef,
    conversation: ConversationRef,
    direction: MessageDirection.default('incoming'),
    text: z
      .string()
      .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
    sentAt: isoTime.optional(),
    authorName: z.string().trim().max(200).optional(),
  })
  .strict();
export type IngestMessage = z.infer<typeof IngestMessage>;
export type IngestMessageInput = z.input<typeof IngestMessage>;

export const IngestBatch = z
  .object({ messages: z.array(IngestMessage).min(1).max(MAX_BATCH) })
  .strict();

/** A conversation's status set from outside (Chatwoot's conversation_status_changed). */
export const ConversationStatusChange = z
  .object({
    conversation: ConversationRef,
    contact: ContactRef.optional(),
    status: ConversationStatus,
  })
  .strict();
export type ConversationStatusChange = z.infer<typeof ConversationStatusChange>;
