import * as z from 'zod/mini';

/*
 * What Chatwoot hands a Dashboard App. Its dashboard (DashboardApp/Frame.vue) posts
 * JSON.stringify({ event: 'appContext', data: { conversation, contact, currentAgent } }) to the
 * frame when it loads and whenever the frame asks with FETCH_INFO. `conversation` is the
 * dashboard's own conversation object: `id` is the per-account display id, the same id its
 * webhooks carry, and `account_id` the account.
 */

/** What the page posts to Chatwoot to be sent the context again. */
export const FETCH_INFO = 'chatwoot-dashboard-app:fetch-info';

/** A Chatwoot id: a number in Chatwoot's JSON; the server takes the same pattern. */
const ChatwootId = z.union([
  z.int().check(z.nonnegative()),
  z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
]);
const OptionalText = z.optional(z.nullable(z.string()));

const AppContextMessage = z.object({
  event: z.literal('appContext'),
  data: z.looseObject({
    conversation: z.looseObject({ id: ChatwootId, account_id: ChatwootId }),
    contact: z.optional(z.nullable(z.looseObject({ name: OptionalText }))),
    currentAgent: z.optional(
      z.nullable(z.looseObject({ name: OptionalText, email: OptionalText })),
    ),
  }),
});

/** The conversation Chatwoot is showing, and who is looking at it. */
export interface ChatwootContext {
  accountId: string;
  conversationId: string;
  contactName: string | null;
  agentEmail: string | null;
}

/** What the page knows about a message event it received. */
export interface ReceivedMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

/**
 * The context in a message event, or null when it is not one to trust: from any origin but the
 * configured Chatwoot's, from any window but the parent (another frame of the same origin could
 * post too), not JSON, or not the shape Chatwoot sends. Anything else reaching this page's
 * window is ignored, never shown.
 */
export function readAppContext(
  message: ReceivedMessage,
  chatwoot: { origin: string; parent: unknown },
): ChatwootContext | null {
  if (chatwoot.origin === '' || message.origin !== chatwoot.origin) return null;
  if (message.source !== chatwoot.parent) return null;
  if (typeof message.data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(message.data);
  } catch {
    return null;
  }
  const parsed = AppContextMessage.safeParse(json);
  if (!parsed.success) return null;
  const { conversation, contact, currentAgent } = parsed.data.data;
  return {
    accountId: String(conversation.account_id),
    conversationId: String(conversation.id),
    contactName: contact?.name ?? null,
    agentEmail: currentAgent?.email ?? null,
  };
}
