import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';

/*
 * The follow-up clock at its exact boundaries, one row per instant: a promise "within the
 * hour" made at T is due at T+60 min; with a 15-minute coming-due window it is pending until
 * T+45 min, due from T+45 min exactly, and missed from its due instant exactly (a promise due
 * now has not been kept in time). Each row runs the clock once, on a fresh server, at that
 * instant.
 */

const T = Date.parse('2026-03-02T10:00:00.000Z');
const MIN = 60_000;
const silent = { info: () => undefined, error: () => undefined };

const open: Calmdesk[] = [];
afterEach(async () => {
  for (const calmdesk of open.splice(0)) await calmdesk.store.close();
});

/** A server where an agent promised at T to call back within the hour; its clock set to `at`. */
async function promisedAtT() {
  const clock = { now: new Date(T) };
  const config = loadConfig({}, { dataDir: ':memory:', logLevel: 'silent', comingDueMinutes: 15 });
  const calmdesk = await createCalmdesk(config, { now: () => clock.now, log: silent });
  open.push(calmdesk);
  const agent = await calmdesk.services.people.createUser(
    { email: 'sam@acme.example', name: 'Sam', role: 'agent', password: 'correct horse battery' },
    null,
  );
  const [stored] = await calmdesk.services.ingest.ingest(
    [
      {
        externalId: 'maria-1',
        contact: { externalId: 'maria', name: 'Maria' },
        conversation: { externalId: 'maria-ticket', channel: 'chat' },
        direction: 'incoming',
        text: 'Nobody has called me back about my broken router!',
        sentAt: new Date(T - 5 * MIN).toISOString(),
      },
    ],
    null,
    'test',
  );
  expect(stored).toBeDefined();
  const { followUps } = await calmdesk.services.conversations.reply(
    stored!.conversationId,
    "I'm sorry. I'll call you back within the hour.",
    agent,
  );
  expect(followUps).toHaveLength(1);
  expect(followUps[0]!.dueAt).toBe('2026-03-02T11:00:00.000Z');
  return { calmdesk, clock, id: followUps[0]!.id };
}

const ROWS: readonly [at: string, status: 'pending' | 'due' | 'missed'][] = [
  ['2026-03-02T10:44:59.999Z', 'pending'], // a millisecond before the window opens
  ['2026-03-02T10:45:00.000Z', 'due'], // the window opens: exactly 15 minutes before
  ['2026-03-02T10:59:59.999Z', 'due'], // a millisecond before the due time
  ['2026-03-02T11:00:00.000Z', 'missed'], // exactly due
  ['2026-03-02T11:00:00.001Z', 'missed'],
];

describe('the follow-up clock at its exact boundaries', () => {
  it.each(ROWS)('at %s the promise is %s', async (at, status) => {
    const { calmdesk, clock, id } = await promisedAtT();
    clock.now = new Date(at);
    const counts = await calmdesk.services.followUps.runClock();
    expect(counts).toEqual({
      due: status === 'due' ? 1 : 0,
      missed: status === 'missed' ? 1 : 0,
      woke: 0,
    });
    const followUp = await calmdesk.store.getFollowUp(id);
    expect(followUp).toBeDefined();
    expect(followUp!.status).toBe(status);
    expect(followUp!.closedAt).toBe(status === 'missed' ? at : null);
  });

  it('a promise marked due is missed at its due instant on the next turn, once', async () => {
    const { calmdesk, clock, id } = await promisedAtT();
    clock.now = new Date('2026-03-02T10:59:59.999Z');
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 1, missed: 0, woke: 0 });
    clock.now = new Date('2026-03-02T11:00:00.000Z');
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 1, woke: 0 });
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    const followUp = await calmdesk.store.getFollowUp(id);
    expect(followUp).toBeDefined();
    expect(followUp!.status).toBe('missed');
  });
});
