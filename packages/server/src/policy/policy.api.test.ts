import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * The team policy: read by everyone, changed only by those allowed to.
 * Through the real HTTP handler, signed in as the people of a small team, on a clock that only
 * moves when a test moves it.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

describe('the team policy', () => {
  it('is read by everyone and changed by an admin only, every value checked', async () => {
    const read = await t.call('GET', '/api/v1/policy', { as: 'agent' });
    expect(read.status).toBe(200);
    expect(read.json).toHaveProperty('goodwill');

    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'agent',
        body: { conversation: { heatedTemperature: 70 } },
      }),
      403,
      'forbidden',
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'supervisor',
        body: { conversation: { heatedTemperature: 70 } },
      }),
      403,
      'forbidden',
    );

    const put = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { conversation: { heatedTemperature: 70 } },
    });
    expect(put.status, put.text).toBe(200);
    expect((await t.call('GET', '/api/v1/policy', { as: 'agent' })).json.conversation).toEqual({
      heatedTemperature: 70,
    });

    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'admin',
        body: { conversation: { trendWindow: 0 } },
      }),
      400,
      'invalid_request',
      /trendWindow/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'admin',
        body: { conversation: { loudness: 3 } },
      }),
      400,
      'invalid_request',
      /Unknown conversation setting: loudness/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { volume: 11 } }),
      400,
      'invalid_request',
      /volume/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { goodwill: { offers: 3 } } }),
      400,
      'invalid_request',
      /goodwill/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { comingDueMinutes: 0 } }),
      400,
      'invalid_request',
      /comingDueMinutes/,
    );
    // Nothing of the refused changes was kept.
    const after = await t.call('GET', '/api/v1/policy', { as: 'agent' });
    expect(after.json.conversation).toEqual({ heatedTemperature: 70 });
    expect(after.json.comingDueMinutes).toBe(read.json.comingDueMinutes);
    expect(after.json.goodwill).toEqual(read.json.goodwill);

    const restore = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { conversation: { heatedTemperature: 60 } },
    });
    expect(restore.status).toBe(200);
  });
});
