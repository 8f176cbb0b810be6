/**
 * Chatwoot webhooks turned into Calmdesk ingest inputs. Pure: no I/O, no clock, never throws.
 *
 * The shapes follow Chatwoot's own serializers, which the webhook listener
 * (app/listeners/webhook_listener.rb) merges with `event`:
 * - message_created / message_updated: `Message#webhook_data` (app/models/message.rb): id,
 *   content, created_at, message_type ("incoming" | "outgoing" | "activity" | "template"),
 *   private, sender (`User#webhook_data` with type "user", `AgentBot` with type "agent_bot", or
 *   `Contact#webhook_data`), inbox {id, name}, account {id, name} and conversation.
 * - conversation_created / conversation_status_changed / conversation_updated: the conversation's
 *   `webhook_data`, i.e. `Conversations::EventDataPresenter#push_data`, at the top level: id (the
 *   per-account display id), status, channel ("Channel::WebWidget"...), meta.sender (the contact),
 *   contact_inbox, messages (the last chat message, with integer message_type, unix created_at and
 *   account_id). It carries no `account` object, so the account comes from `messages[].account_id`
 *   or from the caller (see {@link ReadChatwootOptions.accountId}).
 */
import { z } from 'zod';
import { clipText } from '../clip-text.js';
import type {
  ConversationStatus,
  ConversationStatusChange,
  IngestMessageInput,
  MessageDirection,
} from '../contract/index.js';

/** What one Chatwoot webhook delivery means to Calmdesk. */
export type ChatwootEvent =
  | { kind: 'message'; message: IngestMessageInput }
  | { kind: 'status'; change: ConversationStatusChange }
  | { kind: 'ignored'; reason: string };

/** A delivery that cannot be mapped: the message names the field at fault, for the sender's logs. */
export interface ChatwootInvalid {
  kind: 'invalid';
  message: string;
  details?: unknown;
}

/** What the caller knows about the request beyond its body. */
export interface ReadChatwootOptions {
  /**
   * The Chatwoot account the request was authenticated for (for example the account whose webhook
   * secret verified `X-Chatwoot-Signature`). A payload naming another account is invalid, so one
   * account cannot write into another's namespace; a conversation event without an account id of
   * its own is attributed to this one.
   */
  accountId?: number | string;
}

/** Prefix of every external id this integration mints, so Chatwoot records never meet others. */
export const CHATWOOT_ID_PREFIX = 'chatwoot';

/** The channel name when Chatwoot names none Calmdesk can read. */
const FALLBACK_CHANNEL = 'chatwoot';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`;

/** Chatwoot ids are integers; old docs show them as numeric strings. Colons are refused so a
 * crafted id cannot forge another namespace. */
const Id = z.union(
  [
    z.number().int().nonnegative(),
    z.string().regex(ID_PATTERN, 'must be an id made of letters, digits, "_" or "-"'),
  ],
  { error: required('an id (a number or a string)') },
);

/** Optional parts never fail the payload: a malformed one is simply dropped. */
const optionalId = Id.optional().catch(undefined);
const optionalText = z.string().nullish().catch(undefined);

const Person = z.looseObject({
  id: optionalId,
  name: optionalText,
  email: optionalText,
  type: optionalText,
});
type Person = z.infer<typeof Person>;
const optionalPerson = Person.nullish().catch(undefined);

const Account = z.looseObject({ id: Id }, { error: required('an object') });

const ConversationFields = {
  id: Id,
  display_id: optionalId,
  channel: optionalText,
  account_id: optionalId,
  meta: z.looseObject({ sender: optionalPerson }).nullish().catch(undefined),
  contact_inbox: z.looseObject({ contact_id: optionalId }).nullish().catch(undefined),
  additional_attributes: z.looseObject({ mail_subject: optionalText }).nullish().catch(undefined),
  messages: z
    .array(z.looseObject({ account_id: optionalId }).catch({}))
    .nullish()
    .catch(undefined),
};

const Envelope = z.looseObject({
  event: z.string({ error: required('a string') }).min(1, 'must not be empty'),
});

const MessagePayload = z.looseObject({
  id: Id,
  content: z.unknown(),
  created_at: z.unknown(),
  message_type: z.union([z.string(), z.number()], { error: required('a string or a number') }),
  private: z.boolean().nullish().catch(undefined),
  sender: optionalPerson,
  contact: optionalPerson,
  account: Account,
  conversation: z.looseObject(ConversationFields, { error: required('an object') }),
});
/** The conversation fields both message and conversation events carry. */
type ConversationLike = z.infer<typeof MessagePayload>['conversation'];

const ConversationEventPayload = z.looseObject({
  ...ConversationFields,
  status: z.union([z.string(), z.number()], { error: required('a string or a number') }),
  account: z.looseObject({ id: optionalId }).nullish().catch(undefined),
});

/** Chatwoot's `Message.message_types` enum, which some payloads send as its integer. */
const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
/** Chatwoot's `Conversation.statuses` enum, in integer order. */
const STATUSES: readonly ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];

/** Chatwoot inbox channel classes and the channel names Calmdesk uses for them. */
const CHANNELS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'Channel::WebWidget': 'chat',
    'Channel::Email': 'email',
    'Channel::Whatsapp': 'whatsapp',
    'Channel::TwitterProfile': 'twitter',
    'Channel::FacebookPage': 'facebook',
    'Channel::Sms': 'sms',
    'Channel::TwilioSms': 'sms',
    'Channel::Telegram': 'telegram',
    'Channel::Api': 'api',
    'Channel::Line': 'line',
    'Channel::Instagram': 'instagram',
  }),
);

/**
 * Reads one Chatwoot webhook body. Messages and conversation status events map to ingest inputs;
 * everything Calmdesk has no use for (activity messages, attachment-only messages, edits, unknown
 * events) is `ignored` with a reason; a body that cannot be read is `invalid`. Never throws.
 */
export function readChatwootEvent(
  payload: unknown,
  options: ReadChatwootOptions = {},
): ChatwootEvent | ChatwootInvalid {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { kind: 'invalid', message: 'Chatwoot webhook payload must be a JSON object' };
  }
  const envelope = Envelope.safeParse(payload);
  if (!envelope.success) return invalid('Chatwoot webhook payload', envelope.error);
  const event = envelope.data.event;

  let expectedAccount: string | undefined;
  if (options.accountId !== undefined) {
    const parsed = Id.safeParse(options.accountId);
    if (!parsed.success) {
      return { kind: 'invalid', message: 'options.accountId must be a Chatwoot account id' };
    }
    expectedAccount = String(parsed.data);
  }

  switch (event) {
    case 'message_created':
      return readMessage(payload, expectedAccount);
    case 'conversation_created':
    case 'conversation_status_changed':
      return readStatus(event, payload, expectedAccount);
    case 'message_updated':
      return {
        kind: 'ignored',
        reason: 'message_updated: edits and delivery updates are not ingested',
      };
    case 'conversation_updated':
      return {
        kind: 'ignored',
        reason: 'conversation_updated: status changes arrive as conversation_status_changed',
      };
    default:
      return { kind: 'ignored', reason: `${event}: not an event Calmdesk ingests` };
  }
}

function readMessage(payload: object, expectedAccount?: string): ChatwootEvent | ChatwootInvalid {
  const parsed = MessagePayload.safeParse(payload);
  if (!parsed.success) return invalid('message_created payload', parsed.error);
  const message = parsed.data;

  const account = checkAccount([message.account.id], expectedAccount, 'message_created');
  if (typeof account !== 'string') return account;

  const messageType = messageTypeOf(message.message_type);
  if (messageType === undefined) {
    return {
      kind: 'ignored',
      reason: `message_type ${JSON.stringify(message.message_type)} is not one Calmdesk ingests`,
    };
  }
  if (messageType === 'activity') {
    return { kind: 'ignored', reason: 'activity message (a system event, not something said)' };
  }
  if (typeof message.content !== 'string') {
    return { kind: 'ignored', reason: 'message has no text content (attachments only?)' };
  }
  if (message.content.trim().length === 0) {
    return { kind: 'ignored', reason: 'message content is blank' };
  }

  const direction: MessageDirection =
    message.private === true ? 'note' : messageType === 'incoming' ? 'incoming' : 'outgoing';
  const contact = contactOf(account, message.conversation, [
    isContact(message.sender, messageType) ? message.sender : undefined,
    message.contact,
  ]);
  if (contact === undefined) {
    return {
      kind: 'invalid',
      message:
        'message_created payload: no contact id in "sender" (a contact), "contact", ' +
        '"conversation.meta.sender" or "conversation.contact_inbox.contact_id"',
    };
  }

  const mapped: IngestMessageInput = {
    externalId: externalId(account, 'message', message.id),
    contact,
    conversation: conversationRef(account, message.conversation),
    direction,
    text: message.content,
  };
  const sentAt = toIsoTime(message.created_at);
  if (sentAt !== undefined) mapped.sentAt = sentAt;
  if (message.sender && !isContact(message.sender, messageType)) {
    const authorName = clip(message.sender.name, 200);
    if (authorName !== undefined) mapped.authorName = authorName;
  }
  return { kind: 'message', message: mapped };
}

function readStatus(
  event: string,
  payload: object,
  expectedAccount?: string,
): ChatwootEvent | ChatwootInvalid {
  const parsed = ConversationEventPayload.safeParse(payload);
  if (!parsed.success) return invalid(`${event} payload`, parsed.error);
  const conversation = parsed.data;

  const status = statusOf(conversation.status);
  if (status === undefined) {
    return {
      kind: 'invalid',
      message: `${event} payload: field "status" must be one of ${STATUSES.join(', ')}`,
      details: { status: conversation.status },
    };
  }
  const candidates = [
    conversation.account?.id,
    conversation.account_id,
    ...(conversation.messages ?? []).map((m) => m.account_id),
  ];
  const account = checkAccount(candidates, expectedAccount, event);
  if (typeof account !== 'string') return account;

  const change: ConversationStatusChange = {
    conversation: conversationRef(account, conversation),
    status,
  };
  const contact = contactOf(account, conversation, []);
  if (contact !== undefined) change.contact = contact;
  return { kind: 'status', change };
}

type Id = z.infer<typeof Id>;
type ContactRefInput = IngestMessageInput['contact'];
type ConversationRefOutput = ConversationStatusChange['conversation'];

/** `chatwoot:<account>:<kind>:<id>`: Chatwoot ids are per installation, display ids per account. */
function externalId(account: string, kind: 'message' | 'conversation' | 'contact', id: Id): string {
  return `${CHATWOOT_ID_PREFIX}:${account}:${kind}:${id}`;
}

/** The first account id the payload names (else the caller's), checked against the caller's. */
function checkAccount(
  candidates: readonly (Id | undefined)[],
  expected: string | undefined,
  event: string,
): string | ChatwootInvalid {
  const found = candidates.find((c) => c !== undefined);
  const account = found === undefined ? expected : String(found);
  if (account === undefined) {
    return {
      kind: 'invalid',
      message: `${event} payload: no account id ("account.id", "account_id" or "messages[].account_id")`,
    };
  }
  if (expected !== undefined && account !== expected) {
    return {
      kind: 'invalid',
      message: `${event} payload: account ${account} does not match the authenticated account ${expected}`,
    };
  }
  return account;
}

function conversationRef(account: string, conversation: ConversationLike): ConversationRefOutput {
  const ref: ConversationRefOutput = {
    externalId: externalId(account, 'conversation', conversation.id),
    channel: channelOf(conversation.channel),
  };
  const subject =
    clip(conversation.additional_attributes?.mail_subject, 300) ??
    `Chatwoot #${conversation.display_id ?? conversation.id}`;
  ref.subject = subject;
  return ref;
}

/**
 * The conversation's contact: the first candidate with an id, then `conversation.meta.sender`,
 * then the bare `contact_inbox.contact_id`. Name and email are taken from any candidate with the
 * same id, since the message's sender and the conversation's meta carry different fields.
 */
function contactOf(
  account: string,
  conversation: ConversationLike,
  preferred: readonly (Person | null | undefined)[],
): ContactRefInput | undefined {
  const people = [...preferred, conversation.meta?.sender].filter(
    (p): p is Person & { id: Id } => p !== undefined && p !== null && p.id !== undefined,
  );
  const first = people[0];
  if (first === undefined) {
    const bareId = conversation.contact_inbox?.contact_id;
    return bareId === undefined
      ? undefined
      : { externalId: externalId(account, 'contact', bareId) };
  }
  const same = people.filter((p) => String(p.id) === String(first.id));
  const contact: ContactRefInput = { externalId: externalId(account, 'contact', first.id) };
  const name = same.map((p) => clip(p.name, 200)).find((n) => n !== undefined);
  if (name !== undefined) contact.name = name;
  const email = same
    .map((p) => p.email?.trim())
    .find((e) => e !== undefined && e.length > 0 && e.length <= 320);
  if (email !== undefined) contact.email = email;
  return contact;
}

/** Contacts are typed "contact"; newer `Contact#webhook_data` omits the type, and then only an
 * incoming message's sender is the contact. */
function isContact(sender: Person | null | undefined, messageType: string): boolean {
  if (!sender) return false;
  if (typeof sender.type === 'string') return sender.type === 'contact';
  return messageType === 'incoming';
}

function messageTypeOf(value: string | number): (typeof MESSAGE_TYPES)[number] | undefined {
  if (typeof value === 'number' || /^\d$/.test(value)) return MESSAGE_TYPES[Number(value)];
  return MESSAGE_TYPES.find((t) => t === value);
}

function statusOf(value: string | number): ConversationStatus | undefined {
  if (typeof value === 'number' || /^\d$/.test(value)) return STATUSES[Number(value)];
  return STATUSES.find((s) => s === value);
}

/** Calmdesk's channel name for a Chatwoot channel class; unknown classes keep their lowercased
 * tail ("Channel::Voice" is "voice"). */
export function channelOf(channel: string | null | undefined): string {
  if (!channel) return FALLBACK_CHANNEL;
  const known = CHANNELS.get(channel);
  if (known !== undefined) return known;
  const tail = clipText((channel.split('::').pop() ?? '').trim().toLowerCase(), 50);
  return tail.length > 0 ? tail : FALLBACK_CHANNEL;
}

const TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
/** 9999-12-31T23:59:59.999Z: the last instant an ISO 8601 date-time without a sign can name. */
const MAX_TIME_MS = 253_402_300_799_999;

/**
 * An ISO 8601 UTC string for Chatwoot's `created_at`, which is unix seconds in conversation
 * payloads, an ISO string in message payloads and "2020-03-03 13:05:57 UTC" in older ones.
 * Numbers of 1e11 and above are taken as milliseconds. A string without a zone is UTC, as Chatwoot
 * stores it. Anything unreadable is undefined.
 */
export function toIsoTime(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') {
    ms = epochMs(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) ms = epochMs(Number(text));
    else ms = parseDateTime(text);
  }
  if (ms === undefined || !Number.isFinite(ms) || ms < 0 || ms > MAX_TIME_MS) return undefined;
  return new Date(ms).toISOString();
}

function epochMs(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return Math.round(value >= 1e11 ? value : value * 1000);
}

function parseDateTime(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const parts = [y, mo, d, h, mi, s ?? '0'].map(Number);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return local - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Trimmed and cut to the ingest schema's limit, never inside a character; blank is undefined. */
function clip(value: string | null | undefined, max: number): string | undefined {
  const text = value?.trim();
  return text ? clipText(text, max).trim() || undefined : undefined;
}

function invalid(what: string, error: z.ZodError): ChatwootInvalid {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const problem = issue?.message ?? 'is invalid';
  return {
    kind: 'invalid',
    message: field === undefined ? `${what} ${problem}` : `${what}: field "${field}" ${problem}`,
    details: error.issues,
  };
}
