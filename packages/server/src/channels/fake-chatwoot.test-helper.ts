import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local stand-in for Chatwoot's application API (tests and scripts/bench-chatwoot-out.mjs):
 * node:http on 127.0.0.1 at a random port, speaking the parts Calmdesk uses (create a message,
 * list a conversation's messages, toggle_status, assignments, list agents) in the shapes of
 * Chatwoot's controllers, recording every call, failing on purpose when told to, and sending the
 * message_created webhook back for every message it creates, as Chatwoot does, before or after
 * answering. It imports nothing but node's own modules, so the benchmark can load it too.
 */

export interface FakeChatwootCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  token: string | undefined;
}

/**
 * What the fake does with one call: answer it (`ok`), answer with an error `status` (and
 * Retry-After), never answer (`hang`: the request times out, nothing created), create the
 * message and then never answer (`hang-after-create`: the sender cannot know it arrived), or
 * create it and drop the connection (`drop-after-create`).
 */
export type FakePlan =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'hang-after-create' }
  | { kind: 'drop-after-create' };

export interface FakeMessage {
  id: number;
  account: string;
  conversation: string;
  content: string;
  private: boolean;
  echoId: string | null;
  /** Chatwoot's created_at: unix seconds. */
  createdAt: number;
  /** When the create call reached the fake, in ms (for time-to-delivery figures). */
  receivedAtMs?: number;
}

export interface FakeChatwootOptions {
  /** The api_access_token it accepts; any other gets 401. */
  token: string;
  /** The account's agents, for assignments. */
  agents?: { id: number; name: string; email: string }[];
  /** Decides each call's fate; every call is answered normally without one. */
  plan?: (call: FakeChatwootCall) => FakePlan;
  /** Sends the message_created webhook for a created message to Calmdesk. */
  echo?: (payload: Record<string, unknown>) => Promise<void>;
  /** Send the webhook before answering the create call (the race Chatwoot can produce). */
  echoFirst?: boolean;
  /** Put `echo_id` into the webhook (not every Chatwoot version does). */
  echoWithId?: boolean;
  /** The contact id of a conversation, for the webhook (default 1000 + conversation). */
  contactOf?: (account: string, conversation: string) => number;
}

export interface FakeChatwoot {
  url: string;
  port: number;
  calls: FakeChatwootCall[];
  messages: FakeMessage[];
  /** Creates of messages that reached the fake, answered or not. */
  creates: () => FakeMessage[];
  echoes: Promise<void>[];
  setPlan: (plan: ((call: FakeChatwootCall) => FakePlan) | undefined) => void;
  close: () => Promise<void>;
}

const ROUTE =
  /^\/api\/v1\/accounts\/([A-Za-z0-9_-]+)(?:\/conversations\/([A-Za-z0-9_-]+)\/(messages|toggle_status|assignments)|\/(agents))\/?$/;

/** The message_created webhook Chatwoot sends for an agent's (or an API client's) message. */
export function fakeMessageCreated(
  message: FakeMessage,
  contactId: number,
  options: { withEchoId?: boolean; sender?: { id: number; name: string } } = {},
): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    event: 'message_created',
    id: message.id,
    content: message.content,
    created_at: new Date(message.createdAt * 1000).toISOString(),
    message_type: 'outgoing',
    content_type: 'text',
    content_attributes: {},
    private: message.private,
    source_id: null,
    sender: { id: options.sender?.id ?? 1, name: options.sender?.name ?? 'Calmdesk', type: 'user' },
    account: { id: Number(message.account), name: 'Acme' },
    inbox: { id: 3, name: 'Website chat' },
    conversation: {
      id: Number(message.conversation),
      channel: 'Channel::WebWidget',
      meta: { sender: { id: contactId, name: `Customer ${contactId}`, type: 'contact' } },
      contact_inbox: { contact_id: contactId },
    },
  };
  if (options.withEchoId === true && message.echoId !== null) payload.echo_id = message.echoId;
  return payload;
}

/** A customer's message_created webhook, to bring a conversation into Calmdesk. */
export function fakeIncoming(
  account: string | number,
  conversation: string | number,
  id: number,
  content: string,
  options: { contactId?: number; createdAt?: string } = {},
): Record<string, unknown> {
  const contactId = options.contactId ?? 1000 + Number(conversation);
  return {
    event: 'message_created',
    id,
    content,
    created_at: options.createdAt ?? new Date().toISOString(),
    message_type: 'incoming',
    private: false,
    sender: { id: contactId, name: `Customer ${contactId}`, type: 'contact' },
    account: { id: Number(account), name: 'Acme' },
    conversation: {
      id: Number(conversation),
      channel: 'Channel::WebWidget',
      meta: { sender: { id: contactId, name: `Customer ${contactId}`, type: 'contact' } },
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 at a random port (or `port`, to come back after a stop). */
export async function startFakeChatwoot(
  options: FakeChatwootOptions,
  port = 0,
): Promise<FakeChatwoot> {
  const calls: FakeChatwootCall[] = [];
  const messages: FakeMessage[] = [];
  const echoes: Promise<void>[] = [];
  let plan = options.plan;
  let nextId = 9000;
  const contactOf = options.contactOf ?? ((_a: string, c: string) => 1000 + Number(c));

  const echo = (message: FakeMessage): Promise<void> => {
    if (options.echo === undefined) return Promise.resolve();
    const sent = options
      .echo(
        fakeMessageCreated(message, contactOf(message.account, message.conversation), {
          withEchoId: options.echoWithId === true,
        }),
      )
      .catch(() => undefined);
    echoes.push(sent);
    return sent;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readJson(req);
      const token = req.headers.api_access_token;
      const call: FakeChatwootCall = {
        method: req.method ?? 'GET',
        path: url.pathname,
        body,
        token: typeof token === 'string' ? token : undefined,
      };
      calls.push(call);
      if (call.token !== options.token) return send(res, 401, { error: 'Invalid Access Token' });
      const match = ROUTE.exec(url.pathname);
      if (match === null) return send(res, 404, { error: 'Not found' });
      const [, account = '', conversation = '', action, agents] = match;
      const fate = plan?.(call) ?? { kind: 'ok' };
      if (fate.kind === 'status') {
        const headers: Record<string, string> =
          fate.retryAfter === undefined ? {} : { 'retry-after': fate.retryAfter };
        return send(res, fate.status, { error: `failing on purpose (${fate.status})` }, headers);
      }
      if (fate.kind === 'hang') return; // never answered: the client's timeout ends it

      if (agents !== undefined && call.method === 'GET')
        return send(res, 200, options.agents ?? []);
      if (action === 'messages' && call.method === 'GET') {
        const payload = messages
          .filter((m) => m.account === account && m.conversation === conversation)
          .map((m) => ({
            id: m.id,
            content: m.content,
            message_type: 1,
            private: m.private,
            created_at: m.createdAt,
            conversation_id: Number(conversation),
          }));
        return send(res, 200, { meta: {}, payload });
      }
      if (action === 'messages' && call.method === 'POST') {
        if (typeof body?.content !== 'string') return send(res, 422, { error: 'content missing' });
        const message: FakeMessage = {
          id: nextId++,
          account,
          conversation,
          content: body.content,
          private: body.private === true,
          echoId: typeof body.echo_id === 'string' ? body.echo_id : null,
          createdAt: Math.floor(Date.now() / 1000),
          receivedAtMs: Date.now(),
        };
        messages.push(message);
        if (fate.kind === 'hang-after-create') {
          void echo(message);
          return;
        }
        if (fate.kind === 'drop-after-create') {
          void echo(message);
          req.socket.destroy();
          return;
        }
        if (options.echoFirst === true) await echo(message);
        send(res, 200, {
          id: message.id,
          content: message.content,
          message_type: 'outgoing',
          private: message.private,
          conversation_id: Number(conversation),
          created_at: message.createdAt,
        });
        if (options.echoFirst !== true) void echo(message);
        return;
      }
      if (action === 'toggle_status' && call.method === 'POST')
        return send(res, 200, {
          payload: { success: true, current_status: body?.status, conversation_id: conversation },
        });
      if (action === 'assignments' && call.method === 'POST') {
        const agent = (options.agents ?? []).find((a) => a.id === body?.assignee_id);
        return send(res, 200, agent ?? null);
      }
      return send(res, 404, { error: 'Not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    calls,
    messages,
    creates: () => messages,
    echoes,
    setPlan: (next) => {
      plan = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
