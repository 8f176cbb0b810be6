import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';

let t: TestApp;
const conversations: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const text of [
    'I was charged twice for my order and nobody answers!! I want a refund now.',
    'Hello, does the jacket come in "navy, dark"? Thanks',
  ]) {
    const body = message({ text });
    const res = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expect(res.status, res.text).toBe(201);
    conversations.push((body.conversation as { externalId: string }).externalId);
  }
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/exports/{list}', () => {
  it('gives a supervisor every conversation as JSON lines, with its problem, temperature peak and outcome', async () => {
    const res = await t.call('GET', '/api/v1/exports/conversations', { as: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.jsonl"/);
    const rows = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.externalId).sort()).toEqual([...conversations].sort());
    const charged = rows.find((r) => r.externalId === conversations[0])!;
    expect(charged.problem).not.toBeNull();
    expect(charged.temperaturePeak as number).toBeGreaterThan(
      rows.find((r) => r.externalId === conversations[1])!.temperaturePeak as number,
    );
    expect(charged).toMatchObject({ theme: null, outcome: 'open' });
    expect(charged.contact).toMatchObject({ externalId: expect.any(String) });
  });

  it('gives the same list as CSV: a header and one quoted row per conversation', async () => {
    const res = await t.call('GET', '/api/v1/exports/conversations?format=csv', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toMatch(/^id,externalId,contact,/);
    expect(lines).toHaveLength(1 + conversations.length);
    // The contact is one cell (JSON, quoted), so every row has the header's columns.
    expect(res.text).toContain(conversations[1]);
  });

  it('refuses an unknown format with a clear error, and an agent', async () => {
    const bad = await t.call('GET', '/api/v1/exports/goodwill?format=xml', { as: 'supervisor' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/format/);
    const agent = await t.call('GET', '/api/v1/exports/conversations', { as: 'agent' });
    expect(agent.status).toBe(403);
  });
});
