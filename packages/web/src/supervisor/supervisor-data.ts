import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import { onLive, type LiveEvent } from '../api/live.js';
import type {
  Conversation,
  Escalation,
  GoodwillBudget,
  GoodwillOffer,
  GoodwillQueue,
  GoodwillQueueItem,
  Message,
  TeamOverview,
  User,
} from '../shared/types.js';

/** A person as the supervisor's views name them. */
export type Person = Pick<User, 'id' | 'name' | 'role'>;

/** What a queue item shows of its conversation. */
export type ConversationBrief = Pick<
  Conversation,
  'id' | 'subject' | 'temperature' | 'trend' | 'status' | 'assigneeId' | 'channel'
>;

export type EscalationAction = 'accept' | 'return' | 'resolve';

/** The queue's default view: everything not yet resolved. */
export const UNRESOLVED = ['open', 'accepted', 'returned'] as const;

export interface EscalationQueueData {
  escalations: Escalation[];
  conversations: Map<string, ConversationBrief>;
  people: Map<string, Person>;
}

/** The offers waiting, each with its conversation, problem and proposer; the budget left. */
export interface ApprovalsData {
  offers: GoodwillQueueItem[];
  budget: GoodwillBudget;
}

const enc = encodeURIComponent;

let people: Promise<Map<string, Person>> | null = null;

/** The team's names, read once per page load (ids in escalations and offers become names). */
function fetchPeople(): Promise<Map<string, Person>> {
  people ??= api<{ users: Person[] }>('GET', '/api/v1/users')
    .then((r) => new Map(r.users.map((u) => [u.id, u])))
    .catch((error: unknown) => {
      people = null;
      throw error;
    });
  return people;
}

const briefs = new Map<string, ConversationBrief>();

function brief(c: Conversation): ConversationBrief {
  const { id, subject, temperature, trend, status, assigneeId, channel } = c;
  return { id, subject, temperature, trend, status, assigneeId, channel };
}

/**
 * The conversations behind queue items. One list call brings every escalated conversation
 * (fresh temperatures); the few others (sent back or resolved) are read one by one, once.
 */
async function fetchConversations(ids: readonly string[]): Promise<Map<string, ConversationBrief>> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return new Map();
  const escalated = await api<{ conversations: Conversation[] }>(
    'GET',
    '/api/v1/conversations?escalated=true&limit=500',
  );
  for (const c of escalated.conversations) briefs.set(c.id, brief(c));
  const missing = [...wanted].filter((id) => !briefs.has(id));
  await Promise.all(
    missing.map(async (id) => {
      try {
        const r = await api<{ conversation: Conversation }>(
          'GET',
          `/api/v1/conversations/${enc(id)}`,
        );
        briefs.set(id, brief(r.conversation));
      } catch (error) {
        // A conversation deleted since is shown without its subject; anything else is a failure.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    }),
  );
  const found = new Map<string, ConversationBrief>();
  for (const id of wanted) {
    const c = briefs.get(id);
    if (c !== undefined) found.set(id, c);
  }
  return found;
}

export async function fetchEscalationQueue(
  statuses: readonly string[],
): Promise<EscalationQueueData> {
  const [list, team] = await Promise.all([
    api<{ escalations: Escalation[] }>(
      'GET',
      `/api/v1/escalations?status=${statuses.join(',')}&limit=200`,
    ),
    fetchPeople(),
  ]);
  const conversations = await fetchConversations(list.escalations.map((e) => e.conversationId));
  return { escalations: list.escalations, conversations, people: team };
}

export function decideEscalation(
  id: string,
  action: EscalationAction,
  note?: string,
): Promise<{ escalation: Escalation }> {
  return api('POST', `/api/v1/escalations/${enc(id)}/${action}`, note ? { note } : {});
}

/** A conversation's messages, for coaching a reply to it. */
export async function fetchMessages(conversationId: string): Promise<Message[]> {
  const r = await api<{ messages: Message[] }>(
    'GET',
    `/api/v1/conversations/${enc(conversationId)}`,
  );
  return r.messages;
}

const NO_MESSAGES: Message[] = [];

/**
 * A conversation's messages once `wanted`, read again as new ones arrive; none until then or
 * when they cannot be read (the coach then reads the draft alone). The empty list is always the
 * same one, so a coach keyed on it does not run again for nothing.
 */
export function useConversationMessages(conversationId: string, wanted: boolean): Message[] {
  const [messages, setMessages] = useState<Message[]>(NO_MESSAGES);
  useEffect(() => {
    if (!wanted) return;
    let active = true;
    let latest = 0;
    const load = async () => {
      const n = ++latest;
      try {
        const next = await fetchMessages(conversationId);
        if (active && n === latest) setMessages(next);
      } catch {
        // Coaching goes on without the conversation; the next message tries again.
      }
    };
    void load();
    const stop = onLive((event) => {
      if (event.type === 'message.created' && event.conversationId === conversationId) void load();
    });
    return () => {
      active = false;
      stop();
    };
  }, [conversationId, wanted]);
  return messages;
}

export function replyToCustomer(
  conversationId: string,
  text: string,
): Promise<{ message: Message }> {
  return api('POST', `/api/v1/conversations/${enc(conversationId)}/replies`, { text });
}

export function fetchApprovals(): Promise<ApprovalsData> {
  return api<GoodwillQueue>('GET', '/api/v1/goodwill?status=pending&limit=200');
}

/**
 * Approves or rejects an offer. `override` is an admin approving past the month's budget: the
 * server records it in the audit log, with the note as the reason.
 */
export function decideOffer(
  id: string,
  approve: boolean,
  note?: string,
  override = false,
): Promise<{ offer: GoodwillOffer }> {
  return api('POST', `/api/v1/goodwill/${enc(id)}/${approve ? 'approve' : 'reject'}`, {
    ...(note ? { note } : {}),
    ...(approve && override ? { override: true } : {}),
  });
}

export function fetchTeamOverview(): Promise<TeamOverview> {
  return api('GET', '/api/v1/team');
}

/** An error as a sentence for the person at the screen. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong: please try again.';
}

export interface LiveData<T> {
  data: T | undefined;
  error: string | null;
  /** True until the first answer (or failure). */
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Data read from the API and read again whenever the live stream brings an event it cares
 * about; events arriving together cause one read. A slower, older read never overwrites a
 * newer one.
 */
export function useLiveData<T>(
  load: () => Promise<T>,
  hears: (event: LiveEvent) => boolean,
  key: string,
  /** How long to gather events before reading again. */
  delayMs = 150,
): LiveData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const hearsRef = useRef(hears);
  hearsRef.current = hears;

  const reload = useCallback(async () => {
    const n = ++latest.current;
    try {
      const next = await loadRef.current();
      if (n !== latest.current) return;
      setData(next);
      setError(null);
    } catch (e) {
      if (n !== latest.current) return;
      setError(errorText(e));
    } finally {
      if (n === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    void reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onLive((event) => {
      if (!hearsRef.current(event)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), delayMs);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [key, reload, delayMs]);

  return { data, error, loading, reload };
}

/** The current time, moved on every `everyMs`, for "4 min ago" labels that stay true. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
