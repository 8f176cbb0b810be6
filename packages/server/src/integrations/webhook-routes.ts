import { z } from 'zod';
import { ConversationStatusChange, IngestBatch, IngestMessage } from '../contract/index.js';
import { CalmdeskError } from '../errors.js';
import { MAX_BATCH_BODY_BYTES, parseJsonBody, readBody } from '../http/app.js';
import type { RouteDeps } from '../http/route-deps.js';
import { route, type HandlerInput, type RouteSpec } from '../http/route-spec.js';
import type { Caller } from '../people/roles.js';
import { readChatwootEvent } from './chatwoot.js';
import { verifySignature } from './signature.js';

/**
 * Proves a webhook sender: with a secret configured, the HMAC signature must match (a bad or
 * missing one is refused); without one, the URL or header must carry an API token.
 */
async function checkSender(
  deps: RouteDeps,
  input: HandlerInput<unknown, unknown>,
  secret: string | undefined,
  headers: { signature: string; timestamp: string },
): Promise<Caller | null> {
  const { c, raw, caller } = input;
  if (secret !== undefined) {
    const check = verifySignature(
      secret,
      raw,
      c.req.header(headers.signature),
      c.req.header(headers.timestamp),
      deps.now().getTime(),
    );
    if (!check.ok)
      throw new CalmdeskError('invalid_signature', `Webhook refused: ${check.reason}.`);
    return caller;
  }
  // A browser session must prove the change is its own, as on every other route.
  if (caller !== null) {
    deps.services.people.checkCsrf(caller, c.req.header('x-csrf-token'));
    return caller;
  }
  const token = c.req.query('token');
  const viaQuery =
    token === undefined ? null : await deps.services.people.identify(`Bearer ${token}`, undefined);
  if (viaQuery === null) {
    throw new CalmdeskError(
      'unauthenticated',
      'Configure a webhook secret, or add ?token=<API token> to the webhook URL.',
    );
  }
  return viaQuery;
}

const GenericBody = z.union([IngestMessage, IngestBatch]);

/** Chatwoot sends one message, and its text may be carried twice (the message, the last one). */
const CHATWOOT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export function webhookRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/webhooks/chatwoot',
      summary:
        "Chatwoot's webhook: message_created, conversation_created, conversation_status_changed (others are acknowledged and ignored). Signed with X-Chatwoot-Signature when CALMDESK_CHATWOOT_SECRET is set; otherwise ?token=",
      tag: 'integrations',
      access: 'webhook',
      responses: {
        202: 'accepted and ignored (an event Calmdesk does not use)',
        401: 'bad signature or no token',
      },
      handle: async (input) => {
        // Read here, not by the router: the signature is over the exact bytes sent.
        input.raw = await readBody(input.c, CHATWOOT_MAX_BODY_BYTES);
        const caller = await checkSender(deps, input, deps.chatwootSecret, {
          signature: 'x-chatwoot-signature',
          timestamp: 'x-chatwoot-timestamp',
        });
        const accountId = input.c.req.query('account');
        const body = parseJsonBody(input.raw);
        const event = readChatwootEvent(body, accountId === undefined ? {} : { accountId });
        if (event.kind === 'invalid')
          throw new CalmdeskError(
            'invalid_request',
            `Not a Chatwoot event Calmdesk can read: ${event.message}`,
            event.details ?? null,
          );
        if (event.kind === 'ignored')
          return input.c.json({ ignored: true, reason: event.reason }, 202);
        if (event.kind === 'status') {
          const parsed = ConversationStatusChange.safeParse(event.change);
          if (!parsed.success)
            throw new CalmdeskError(
              'invalid_request',
              'The conversation in this event is not valid.',
              parsed.error.issues,
            );
          return input.c.json(
            await services.conversations.applyStatusChange(parsed.data, caller?.user ?? null),
            200,
          );
        }
        const parsed = IngestMessage.safeParse(event.message);
        if (!parsed.success) {
          throw new CalmdeskError(
            'invalid_request',
            `The message in this event is not valid: ${parsed.error.issues[0]?.message ?? ''}`,
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        }
        // Chatwoot tells us of the messages Calmdesk itself posted there: such an echo is the
        // message already stored, never a second one (it may come before Chatwoot answered us).
        if (parsed.data.direction !== 'incoming' && parsed.data.externalId !== undefined) {
          const echoId = (body as { echo_id?: unknown }).echo_id;
          const echo = await services.channels.matchEcho('chatwoot', {
            conversationExternalId: parsed.data.conversation.externalId,
            externalId: parsed.data.externalId,
            text: parsed.data.text,
            echoId: typeof echoId === 'string' ? echoId : undefined,
          });
          if (echo !== undefined)
            return input.c.json({ ...echo, duplicate: true, echo: true }, 200);
        }
        const result = await services.ingest.ingestOne(
          parsed.data,
          caller?.user ?? null,
          'chatwoot',
        );
        return input.c.json(result, result?.duplicate === true ? 200 : 201);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/webhooks/generic',
      summary:
        'Any system: one message or {"messages": [...]} in the ingest shape. Signed with X-Calmdesk-Signature (sha256= HMAC of "<X-Calmdesk-Timestamp>.<body>") when CALMDESK_INCOMING_WEBHOOK_SECRET is set; otherwise ?token=',
      tag: 'integrations',
      access: 'webhook',
      status: 201,
      responses: { 401: 'bad signature or no token' },
      handle: async (input) => {
        // One message or a batch, which may be as large as the batch route's.
        input.raw = await readBody(input.c, MAX_BATCH_BODY_BYTES);
        const caller = await checkSender(deps, input, deps.incomingWebhookSecret, {
          signature: 'x-calmdesk-signature',
          timestamp: 'x-calmdesk-timestamp',
        });
        const parsed = GenericBody.safeParse(parseJsonBody(input.raw));
        if (!parsed.success) {
          throw new CalmdeskError(
            'invalid_request',
            'The body is neither one message nor {"messages": [...]} in the ingest shape.',
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        }
        const messages = 'messages' in parsed.data ? parsed.data.messages : [parsed.data];
        const results = await services.ingest.ingest(messages, caller?.user ?? null, 'webhook');
        return {
          stored: results.filter((r) => !r.duplicate).length,
          duplicates: results.filter((r) => r.duplicate).length,
          results,
        };
      },
    }),
  ];
}
