import { describe, expect, it } from 'vitest';
import { readAppContext } from './app-context.js';

// What Chatwoot's dashboard posts to a Dashboard App frame (DashboardApp/Frame.vue): a JSON
// string of { event: 'appContext', data: { conversation, contact, currentAgent } }.

const CHATWOOT = 'https://chatwoot.example.com';
const parent = { name: 'the parent window' };
const trusted = { origin: CHATWOOT, parent };

function appContext(conversation: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    event: 'appContext',
    data: {
      conversation,
      contact: { id: 88, name: 'Pat Doe', email: 'pat@example.com' },
      currentAgent: { id: 3, name: 'Agent Kim', email: 'kim@example.com' },
      ...extra,
    },
  });
}

const posted = (data: unknown, origin = CHATWOOT, source: unknown = parent) => ({
  origin,
  source,
  data,
});

describe('readAppContext', () => {
  it('reads the account and conversation Chatwoot has open, and who is looking', () => {
    const data = appContext({ id: 57, account_id: 4, status: 'open', meta: { sender: {} } });
    expect(readAppContext(posted(data), trusted)).toEqual({
      accountId: '4',
      conversationId: '57',
      contactName: 'Pat Doe',
      agentEmail: 'kim@example.com',
    });
  });

  it('takes a context without a contact or an agent', () => {
    const data = JSON.stringify({
      event: 'appContext',
      data: { conversation: { id: 9, account_id: 2 }, contact: null },
    });
    expect(readAppContext(posted(data), trusted)).toMatchObject({
      accountId: '2',
      conversationId: '9',
      contactName: null,
      agentEmail: null,
    });
  });

  it('ignores a message from another origin, even a look-alike', () => {
    const data = appContext({ id: 57, account_id: 4 });
    for (const origin of [
      'https://evil.example',
      'http://chatwoot.example.com',
      'https://chatwoot.example.com.evil.example',
      'null',
    ]) {
      expect(readAppContext(posted(data, origin), trusted), origin).toBeNull();
    }
  });

  it('ignores a message from a window other than the parent', () => {
    const data = appContext({ id: 57, account_id: 4 });
    expect(readAppContext(posted(data, CHATWOOT, { name: 'another frame' }), trusted)).toBeNull();
  });

  it('trusts nobody when no Chatwoot origin is configured', () => {
    const data = appContext({ id: 57, account_id: 4 });
    expect(readAppContext(posted(data, ''), { origin: '', parent })).toBeNull();
  });

  it('ignores what is not an appContext of the right shape', () => {
    const bad: unknown[] = [
      { event: 'appContext', data: { conversation: { id: 1, account_id: 1 } } },
      'chatwoot-dashboard-app:fetch-info',
      '{not json',
      JSON.stringify({ event: 'somethingElse', data: {} }),
      JSON.stringify({ event: 'appContext', data: {} }),
      appContext({ id: 57 }),
      appContext({ id: '57/../../users', account_id: 4 }),
      appContext({ id: -1, account_id: 4 }),
      appContext({ id: 1.5, account_id: 4 }),
      appContext({ id: 57, account_id: 4 }, { currentAgent: { email: 42 } }),
    ];
    for (const data of bad) {
      expect(readAppContext(posted(data), trusted), JSON.stringify(data)).toBeNull();
    }
  });
});
