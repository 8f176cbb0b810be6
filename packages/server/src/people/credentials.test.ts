import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * How a caller is recognised, at the edges: the Authorization header as clients write it, and
 * an API token's last use, which an admin reads to find unused tokens, recorded at most once a
 * minute so a busy integration does not write on every message.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

const lastUsed = async (): Promise<string | null> => {
  const res = await t.call('GET', '/api/v1/tokens', { as: 'agent' });
  expect(res.status).toBe(200);
  expect(res.json.tokens).toHaveLength(1);
  return res.json.tokens[0].lastUsedAt as string | null;
};

describe('API tokens', () => {
  it('takes the scheme in any case and any white space before the token', async () => {
    for (const authorization of [
      `Bearer ${t.token}`,
      `bearer ${t.token}`,
      `BEARER ${t.token}`,
      `Bearer   ${t.token}`,
      `Bearer\t${t.token}`,
    ]) {
      const res = await t.call('GET', '/api/v1/me', { headers: { authorization } });
      expect(res.status, authorization).toBe(200);
      expect(res.json.user.email).toBe('agent@example.com');
    }
    for (const authorization of [
      `Bearer ${t.token} extra`,
      `Bearer${t.token}`,
      `Token ${t.token}`,
      t.token,
      `Bearer ${t.token.slice('cd_'.length)}`,
    ]) {
      const res = await t.call('GET', '/api/v1/me', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('records its last use at most once a minute', async () => {
    const use = async () => {
      const res = await t.call('GET', '/api/v1/me', { as: 'token' });
      expect(res.status).toBe(200);
    };
    const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    await use();
    const first = t.clock.now().toISOString();
    expect(await lastUsed()).toBe(first);
    // Exactly a minute later: not recorded again.
    t.clock.advance(60_000);
    await use();
    expect(await lastUsed()).toBe(first);
    // A millisecond past the minute: recorded.
    const next = at(1);
    t.clock.advance(1);
    await use();
    expect(await lastUsed()).toBe(next);
    expect(Date.parse(next) - Date.parse(first)).toBe(60_001);
    expect(Date.parse(first)).toBeGreaterThanOrEqual(START.getTime());
  });
});
