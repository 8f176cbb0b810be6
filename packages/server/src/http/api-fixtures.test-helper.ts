import { expect } from 'vitest';
import {
  expectErrorShape,
  message,
  type As,
  type CallResult,
  type TestApp,
} from './test-app.test-helper.js';

/*
 * What the API tests of every capability share: three customers' moods, the error check, and the
 * calls most tests make. The calls go to the test file's own app, which `apiCalls` is given.
 */

export const CALM = 'Hi, could you tell me whether the blue jacket comes in a size M? Thanks!';
export const WORRIED = 'Where is my parcel? It was due yesterday.';
export const ANGRY =
  'This is RIDICULOUS!!! I have waited THREE WEEKS and nobody answers. I will cancel and post a bad review!';

export function expectError(res: CallResult, status: number, code: string, message?: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expectErrorShape(res);
  expect(res.json.error.code).toBe(code);
  if (message !== undefined) expect(res.json.error.message).toMatch(message);
}

export interface ConversationItem {
  id: string;
  temperature: number;
  createdAt: string;
  messageCount: number;
  assigneeId: string | null;
  status: string;
}

/**
 * The calls most API tests make, on the app `app()` returns (the file's app, made in beforeAll):
 * `const { ingest, inbox } = apiCalls(() => t);`.
 */
export function apiCalls(app: () => TestApp) {
  async function ingest(overrides: Record<string, unknown> = {}, as: As = 'token') {
    const res = await app().call('POST', '/api/v1/messages', { as, body: message(overrides) });
    expect(res.status, res.text).toBe(201);
    return res.json as { conversationId: string; contactId: string; messageId: string };
  }

  async function getConversation(id: string, as: As = 'agent') {
    const res = await app().call('GET', `/api/v1/conversations/${id}`, { as });
    expect(res.status, res.text).toBe(200);
    return res.json;
  }

  async function inbox(query = '', as: As = 'agent'): Promise<ConversationItem[]> {
    const res = await app().call('GET', `/api/v1/conversations?limit=500${query}`, { as });
    expect(res.status, res.text).toBe(200);
    return res.json.conversations;
  }

  /** What a failed request must leave as it was: conversations, messages and the event log. */
  async function state() {
    const conversations = await inbox('&sort=age');
    return {
      conversations: conversations.length,
      messages: conversations.reduce((n, c) => n + c.messageCount, 0),
      lastEventId: await app().calmdesk.store.lastEventId(),
    };
  }

  return { ingest, getConversation, inbox, state };
}

/**
 * That no answer the app gave showed a password or token hash or a stack trace, and that the
 * server logged no error. Every API test file checks its own app so as it closes, so every answer
 * of every API test is looked at.
 */
export async function expectNothingSecretIn(app: TestApp): Promise<void> {
  const users = await app.calmdesk.store.listUsers();
  const secrets = users.map((u) => u.passwordHash);
  for (const user of users) {
    for (const token of await app.calmdesk.store.listApiTokens(user.id)) {
      secrets.push(token.tokenHash);
    }
  }
  for (const text of app.texts) {
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|scrypt\$/);
    expect(text).not.toContain('    at ');
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  expect(app.errors).toEqual([]);
}
