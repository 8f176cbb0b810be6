import type { SqlStore } from '../storage/sql-store.js';
import type { Store } from '../storage/store.js';

/** The lists a team can take out of Calmdesk. */
export const EXPORT_LISTS = ['conversations', 'follow-ups', 'escalations', 'goodwill'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** Rows read per query: memory stays flat however long the list. */
const PAGE = 500;

/** The columns of each list, in order (CSV headers; JSON lines carry the same keys). */
export const EXPORT_COLUMNS: Readonly<Record<ExportList, readonly string[]>> = {
  conversations: [
    'id',
    'externalId',
    'contact',
    'channel',
    'subject',
    'status',
    'theme',
    'problem',
    'triggers',
    'temperature',
    'temperaturePeak',
    'outcome',
    'messageCount',
    'createdAt',
    'lastMessageAt',
  ],
  'follow-ups': [
    'id',
    'conversationId',
    'conversationExternalId',
    'kind',
    'text',
    'dueAt',
    'status',
    'ownerId',
    'createdAt',
    'closedAt',
  ],
  escalations: [
    'id',
    'conversationId',
    'conversationExternalId',
    'reason',
    'summary',
    'status',
    'ownerId',
    'createdAt',
    'updatedAt',
  ],
  goodwill: [
    'id',
    'conversationId',
    'conversationExternalId',
    'kind',
    'value',
    'unit',
    'currencyValue',
    'label',
    'reason',
    'status',
    'proposedBy',
    'decidedBy',
    'createdAt',
    'decidedAt',
  ],
};

export type ExportRow = Record<string, unknown>;

/**
 * Every row of a list, page by page in id order (so a long list streams with flat memory and a
 * row added meanwhile is never read twice). Each conversation carries its external id, its
 * contact, its problem (the trigger its customer messages name most), its temperature peak and
 * its outcome; `theme` is null until insights group conversations into themes.
 */
export async function* exportList(store: Store, list: ExportList): AsyncGenerator<ExportRow> {
  // Every store is SQL (SQLite or PostgreSQL); exports read its tables directly, in pages.
  const db = (store as SqlStore).db;
  let after = '';
  for (;;) {
    const rows = await pageOf(db, list, after);
    if (rows.length === 0) return;
    yield* rows;
    after = String(rows[rows.length - 1]!.id);
    if (rows.length < PAGE) return;
  }
}

async function pageOf(db: SqlStore['db'], list: ExportList, after: string): Promise<ExportRow[]> {
  switch (list) {
    case 'conversations':
      return conversationsPage(db, after);
    case 'follow-ups':
      return db
        .selectFrom('followUps as f')
        .innerJoin('conversations as c', 'c.id', 'f.conversationId')
        .select([
          'f.id',
          'f.conversationId',
          'c.externalId as conversationExternalId',
          'f.kind',
          'f.text',
          'f.dueAt',
          'f.status',
          'f.ownerId',
          'f.createdAt',
          'f.closedAt',
        ])
        .where('f.id', '>', after)
        .orderBy('f.id')
        .limit(PAGE)
        .execute();
    case 'escalations':
      return db
        .selectFrom('escalations as e')
        .innerJoin('conversations as c', 'c.id', 'e.conversationId')
        .select([
          'e.id',
          'e.conversationId',
          'c.externalId as conversationExternalId',
          'e.reason',
          'e.summary',
          'e.status',
          'e.ownerId',
          'e.createdAt',
          'e.updatedAt',
        ])
        .where('e.id', '>', after)
        .orderBy('e.id')
        .limit(PAGE)
        .execute();
    case 'goodwill':
      return db
        .selectFrom('goodwillOffers as g')
        .innerJoin('conversations as c', 'c.id', 'g.conversationId')
        .select([
          'g.id',
          'g.conversationId',
          'c.externalId as conversationExternalId',
          'g.kind',
          'g.value',
          'g.unit',
          'g.currencyValue',
          'g.label',
          'g.reason',
          'g.status',
          'g.proposedBy',
          'g.decidedBy',
          'g.createdAt',
          'g.decidedAt',
        ])
        .where('g.id', '>', after)
        .orderBy('g.id')
        .limit(PAGE)
        .execute();
  }
}

/** Lost: the customer threatened to leave and the conversation never ended resolved. */
const CHURN_THREATS = new Set(['cancel', 'competitor']);

async function conversationsPage(db: SqlStore['db'], after: string): Promise<ExportRow[]> {
  const conversations = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as k', 'k.id', 'c.contactId')
    .select([
      'c.id',
      'c.externalId',
      'k.externalId as contactExternalId',
      'k.name as contactName',
      'k.email as contactEmail',
      'c.channel',
      'c.subject',
      'c.status',
      'c.temperature',
      'c.peakTemperature',
      'c.escalated',
      'c.messageCount',
      'c.createdAt',
      'c.lastMessageAt',
    ])
    .where('c.id', '>', after)
    .orderBy('c.id')
    .limit(PAGE)
    .execute();
  if (conversations.length === 0) return [];
  // The stored readings of the page's customer messages, one query: no message is read again.
  const readings = await db
    .selectFrom('messages')
    .select(['conversationId', 'analysis'])
    .where(
      'conversationId',
      'in',
      conversations.map((c) => c.id),
    )
    .where('direction', '=', 'incoming')
    .orderBy('sentAt')
    .execute();
  const triggers = new Map<string, Map<string, number>>();
  const threats = new Map<string, Set<string>>();
  for (const { conversationId, analysis } of readings) {
    const parsed = parseReading(analysis);
    const counts = triggers.get(conversationId) ?? new Map<string, number>();
    for (const t of parsed.triggers) counts.set(t, (counts.get(t) ?? 0) + 1);
    triggers.set(conversationId, counts);
    const seen = threats.get(conversationId) ?? new Set<string>();
    for (const t of parsed.threats) seen.add(t);
    threats.set(conversationId, seen);
  }
  return conversations.map((c) => {
    // Map order is first-seen order, so a tie goes to the trigger named first.
    const counts = [...(triggers.get(c.id) ?? new Map<string, number>()).entries()];
    const problem = counts.reduce<[string, number] | undefined>(
      (best, entry) => (best === undefined || entry[1] > best[1] ? entry : best),
      undefined,
    );
    const threatened = [...(threats.get(c.id) ?? [])].some((t) => CHURN_THREATS.has(t));
    const outcome =
      c.status === 'resolved'
        ? 'resolved'
        : c.escalated === 1
          ? 'escalated'
          : threatened
            ? 'lost'
            : 'open';
    return {
      id: c.id,
      externalId: c.externalId,
      contact: { externalId: c.contactExternalId, name: c.contactName, email: c.contactEmail },
      channel: c.channel,
      subject: c.subject,
      status: c.status,
      theme: null,
      problem: problem?.[0] ?? null,
      triggers: counts.map(([t]) => t),
      temperature: c.temperature,
      temperaturePeak: c.peakTemperature,
      outcome,
      messageCount: c.messageCount,
      createdAt: c.createdAt,
      lastMessageAt: c.lastMessageAt,
    };
  });
}

function parseReading(analysis: string): { triggers: string[]; threats: string[] } {
  try {
    const parsed = JSON.parse(analysis) as { triggers?: unknown; threats?: unknown };
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return { triggers: strings(parsed.triggers), threats: strings(parsed.threats) };
  } catch {
    return { triggers: [], threats: [] };
  }
}
