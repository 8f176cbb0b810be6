import { CHATWOOT_ID_PREFIX } from '../integrations/chatwoot.js';
import type { ChannelSender } from './channel-sender.js';
import { outcomeOfError, outcomeOfStatus } from './http-outcome.js';
import type { OutgoingItem, SendOutcome } from './outgoing-item.js';

export interface ChatwootSenderOptions {
  /** The Chatwoot installation, e.g. https://chat.example.com (CALMDESK_CHATWOOT_URL). */
  url: string;
  /** An access token of a Chatwoot user or agent bot (CALMDESK_CHATWOOT_API_TOKEN). */
  apiToken: string;
  fetch?: typeof fetch | undefined;
  /** How long the account's agent list is kept for assignments. */
  agentsTtlMs?: number;
}

/** Where a Chatwoot conversation lives, read from the external id its webhooks gave it. */
export function chatwootConversationOf(
  externalId: string,
): { account: string; conversation: string } | undefined {
  const match = /^chatwoot:([A-Za-z0-9_-]+):conversation:([A-Za-z0-9_-]+)$/.exec(externalId);
  return match === null ? undefined : { account: match[1]!, conversation: match[2]! };
}

/** The external id of a Chatwoot message, as the webhooks name it. */
export function chatwootMessageId(account: string, id: number | string): string {
  return `${CHATWOOT_ID_PREFIX}:${account}:message:${id}`;
}

interface ChatwootMessage {
  id?: unknown;
  content?: unknown;
  message_type?: unknown;
  private?: unknown;
  created_at?: unknown;
  echo_id?: unknown;
}

/**
 * Chatwoot's application API, for conversations that came from Chatwoot: a reply is a message
 * (`message_type` outgoing, `private` false), a note a private one, a status change
 * `toggle_status` and an assignee change `assignments`. Each message carries Calmdesk's message
 * id as `echo_id`; the id Chatwoot returns becomes the stored message's external id, so the
 * `message_created` webhook Chatwoot sends back for it is recognised, not stored twice.
 *
 * Assignments need the Chatwoot agent: the Calmdesk user is matched by email among the
 * account's agents; with no agent of that email the change fails with that reason (it is not
 * guessed). A send in doubt (an earlier attempt timed out, or Calmdesk stopped mid-send) first
 * looks for the message among the conversation's, so the customer never gets it twice.
 */
export function createChatwootSender(options: ChatwootSenderOptions): ChannelSender {
  const doFetch = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, '');
  const agentsTtlMs = options.agentsTtlMs ?? 60_000;
  const agents = new Map<string, { at: number; list: { id: number; email: string }[] }>();

  const call = async (
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
  ): Promise<{ ok: true; json: unknown } | { ok: false; outcome: SendOutcome }> => {
    try {
      const response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          api_access_token: options.apiToken,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        redirect: 'error',
      });
      const failed = outcomeOfStatus(response, Date.now(), 'Chatwoot');
      if (failed !== undefined) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, outcome: failed };
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text.length === 0 ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      return { ok: true, json };
    } catch (error) {
      const outcome = outcomeOfError(error, 'Chatwoot');
      // A GET changes nothing in Chatwoot: its failure puts nothing in doubt.
      return {
        ok: false,
        outcome:
          method === 'GET' && outcome.kind === 'retry' ? { ...outcome, inDoubt: false } : outcome,
      };
    }
  };

  /** The message this item already created, if an attempt we never heard back from did. */
  const findSent = async (
    item: OutgoingItem,
    prefix: string,
    signal: AbortSignal,
  ): Promise<{ found?: string } | { outcome: SendOutcome }> => {
    const listed = await call('GET', `${prefix}/messages`, signal);
    if (!listed.ok) return { outcome: listed.outcome };
    const payload = (listed.json as { payload?: unknown } | null)?.payload;
    const messages = Array.isArray(payload) ? (payload as ChatwootMessage[]) : [];
    const since = Date.parse(item.createdAt) / 1000 - 60;
    const found = messages.find(
      (m) =>
        (m.echo_id !== undefined && m.echo_id === item.message?.id) ||
        (m.content === item.message?.text &&
          (m.message_type === 1 || m.message_type === 'outgoing') &&
          Boolean(m.private) === (item.kind === 'note') &&
          (typeof m.created_at !== 'number' || m.created_at >= since)),
    );
    const id = found?.id;
    return typeof id === 'number' || typeof id === 'string' ? { found: String(id) } : {};
  };

  const agentIdFor = async (
    account: string,
    email: string,
    signal: AbortSignal,
  ): Promise<{ id?: number } | { outcome: SendOutcome }> => {
    let cached = agents.get(account);
    if (cached === undefined || Date.now() - cached.at > agentsTtlMs) {
      const listed = await call('GET', `/api/v1/accounts/${account}/agents`, signal);
      if (!listed.ok) return { outcome: listed.outcome };
      const list = (Array.isArray(listed.json) ? (listed.json as unknown[]) : [])
        .map((a) => a as { id?: unknown; email?: unknown })
        .filter(
          (a): a is { id: number; email: string } =>
            typeof a.id === 'number' && typeof a.email === 'string',
        );
      cached = { at: Date.now(), list };
      agents.set(account, cached);
    }
    const agent = cached.list.find((a) => a.email.toLowerCase() === email.toLowerCase());
    return agent === undefined ? {} : { id: agent.id };
  };

  return {
    name: 'chatwoot',
    accepts: (conversation) => chatwootConversationOf(conversation.externalId) !== undefined,
    delivers: () => true,
    async send(item, signal): Promise<SendOutcome> {
      const where = chatwootConversationOf(item.conversation.externalId);
      if (where === undefined)
        return {
          kind: 'failed',
          reason: 'not a Chatwoot conversation (no account and conversation id)',
        };
      const prefix = `/api/v1/accounts/${where.account}/conversations/${where.conversation}`;

      if (item.kind === 'reply' || item.kind === 'note') {
        const message = item.message;
        if (message === undefined) return { kind: 'failed', reason: 'the item carries no message' };
        if (item.inDoubt) {
          const earlier = await findSent(item, prefix, signal);
          if ('outcome' in earlier) return earlier.outcome;
          if (earlier.found !== undefined)
            return { kind: 'sent', externalId: chatwootMessageId(where.account, earlier.found) };
        }
        const created = await call('POST', `${prefix}/messages`, signal, {
          content: message.text,
          message_type: 'outgoing',
          private: item.kind === 'note',
          echo_id: message.id,
        });
        if (!created.ok) return created.outcome;
        const id = (created.json as { id?: unknown } | null)?.id;
        return {
          kind: 'sent',
          externalId:
            typeof id === 'number' || typeof id === 'string'
              ? chatwootMessageId(where.account, id)
              : null,
        };
      }

      if (item.kind === 'status') {
        const status = item.status;
        if (status === undefined) return { kind: 'failed', reason: 'the item carries no status' };
        const body: Record<string, unknown> = { status: status.status };
        if (status.status === 'snoozed' && status.snoozedUntil !== null)
          body.snoozed_until = Math.floor(Date.parse(status.snoozedUntil) / 1000);
        const toggled = await call('POST', `${prefix}/toggle_status`, signal, body);
        return toggled.ok ? { kind: 'sent' } : toggled.outcome;
      }

      // An assignee change: to the Chatwoot agent with the same email, or unassigned.
      let assigneeId: number | null = null;
      if (item.assignee !== undefined && item.assignee !== null) {
        const agent = await agentIdFor(where.account, item.assignee.email, signal);
        if ('outcome' in agent) return agent.outcome;
        if (agent.id === undefined)
          return {
            kind: 'failed',
            reason: `no Chatwoot agent in account ${where.account} has the email ${item.assignee.email}, so the assignment stays in Calmdesk`,
          };
        assigneeId = agent.id;
      }
      const assigned = await call('POST', `${prefix}/assignments`, signal, {
        assignee_id: assigneeId,
      });
      return assigned.ok ? { kind: 'sent' } : assigned.outcome;
    },
  };
}
