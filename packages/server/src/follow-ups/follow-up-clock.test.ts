import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import type { StoredEvent, UserRow } from '../storage/store.js';

// The follow-up clock, driven by a fake clock: promises come due, are missed or kept, each
// exactly once, and nothing is lost or repeated across a restart on the same database.

const T = new Date('2026-03-02T10:00:00.000Z');
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);
const silent = { info: () => undefined, error: () => undefined };

const open: Calmdesk[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const calmdesk of open.splice(0)) await calmdesk.store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-clock-'));
  dirs.push(dir);
  return dir;
}

/** A Calmdesk on a fake clock; `clock.now` moves it. Every event it commits lands in `events`. */
async function start(dataDir = ':memory:', clock = { now: T }) {
  const config = loadConfig({}, { dataDir, logLevel: 'silent', comingDueMinutes: 15 });
  const calmdesk = await createCalmdesk(config, { now: () => clock.now, log: silent });
  open.push(calmdesk);
  const events: StoredEvent[] = [];
  calmdesk.store.subscribe((event) => events.push(event));
  return { calmdesk, clock, events };
}

async function agentOf(calmdesk: Calmdesk): Promise<UserRow> {
  return (
    (await calmdesk.store.getUserByEmail('sam@acme.example')) ??
    calmdesk.services.people.createUser(
      {
        email: 'sam@acme.example',
        name: 'Sam Carter',
        role: 'agent',
        password: 'correct horse battery',
      },
      null,
    )
  );
}

/** A customer writes in; returns the conversation's id. */
async function customerWrites(calmdesk: Calmdesk, customer: string): Promise<string> {
  const [result] = await calmdesk.services.ingest.ingest(
    [
      {
        externalId: `${customer}-1`,
        contact: { externalId: customer, name: customer },
        conversation: { externalId: `${customer}-ticket`, channel: 'chat' },
        direction: 'incoming',
        text: 'Nobody has called me back about my broken router. This is the third time I ask!',
        sentAt: minutes(-5).toISOString(),
      },
    ],
    null,
    'test',
  );
  if (result === undefined) throw new Error('nothing stored');
  return result.conversationId;
}

/** The agent promises a call back within the hour; returns the follow-up. */
async function promiseCallBack(calmdesk: Calmdesk, conversationId: string) {
  const agent = await agentOf(calmdesk);
  const { followUps } = await calmdesk.services.conversations.reply(
    conversationId,
    "I'm sorry about this. I'll call you back within the hour.",
    agent,
  );
  expect(followUps).toHaveLength(1);
  return followUps[0]!;
}

const statusOf = async (calmdesk: Calmdesk, id: string) =>
  (await calmdesk.store.getFollowUp(id))?.status;

const followUpEvents = (events: readonly StoredEvent[], id: string) =>
  events
    .filter((e) => (e.payload.followUp as { id?: string } | undefined)?.id === id)
    .map((e) => e.type);

describe('the follow-up clock', () => {
  it('marks a promise due inside the coming-due window, then missed after its time, once each', async () => {
    const { calmdesk, clock, events } = await start();
    const conversationId = await customerWrites(calmdesk, 'maria');
    const followUp = await promiseCallBack(calmdesk, conversationId);
    expect(followUp).toMatchObject({
      status: 'pending',
      kind: 'callback',
      dueAt: minutes(60).toISOString(),
    });
    expect((await calmdesk.store.getConversation(conversationId))?.nextDueAt).toBe(followUp.dueAt);

    // 40 minutes in, the promise is 20 minutes away: outside the 15-minute window.
    clock.now = minutes(40);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    expect(await statusOf(calmdesk, followUp.id)).toBe('pending');

    clock.now = minutes(50);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 1, missed: 0, woke: 0 });
    expect(await statusOf(calmdesk, followUp.id)).toBe('due');
    expect(followUpEvents(events, followUp.id)).toEqual(['follow_up.created', 'follow_up.due']);

    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 1, woke: 0 });
    const missed = await calmdesk.store.getFollowUp(followUp.id);
    expect(missed).toMatchObject({ status: 'missed', closedAt: minutes(61).toISOString() });
    expect((await calmdesk.store.getConversation(conversationId))?.nextDueAt).toBeNull();
    expect(followUpEvents(events, followUp.id)).toEqual([
      'follow_up.created',
      'follow_up.due',
      'follow_up.missed',
    ]);
    // Live views update from the event alone: it carries what was stored.
    expect(events.find((e) => e.type === 'follow_up.missed')?.payload.followUp).toEqual({
      ...followUp,
      status: 'missed',
      closedAt: minutes(61).toISOString(),
    });

    // Further turns of the clock change nothing and announce nothing.
    const before = events.length;
    clock.now = minutes(62);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    clock.now = minutes(24 * 60);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    expect(events).toHaveLength(before);
    expect(await statusOf(calmdesk, followUp.id)).toBe('missed');
  });

  it('a promise the clock never saw coming due is missed once when it next runs', async () => {
    const { calmdesk, clock, events } = await start();
    const followUp = await promiseCallBack(calmdesk, await customerWrites(calmdesk, 'maria'));
    clock.now = minutes(180);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 1, woke: 0 });
    expect(followUpEvents(events, followUp.id)).toEqual(['follow_up.created', 'follow_up.missed']);
  });

  it('leaves a missed promise on its conversation until the agent next writes to the customer', async () => {
    const { calmdesk, clock } = await start();
    const conversationId = await customerWrites(calmdesk, 'maria');
    const followUp = await promiseCallBack(calmdesk, conversationId);
    const conversation = () => calmdesk.store.getConversation(conversationId);
    expect((await conversation())?.oldestMissedAt).toBeNull();

    clock.now = minutes(90);
    await calmdesk.services.followUps.runClock();
    // The inbox row shows when it was missed, and the urgency sort puts it first.
    expect((await conversation())?.oldestMissedAt).toBe(followUp.dueAt);
    const calm = await customerWrites(calmdesk, 'jon');
    const conversations = await calmdesk.services.conversations.listConversations({
      sort: 'urgency',
      limit: 10,
      offset: 0,
    });
    expect(conversations.map((c) => [c.id, c.oldestMissedAt])).toEqual([
      [conversationId, followUp.dueAt],
      [calm, null],
    ]);

    // A note to colleagues is no answer; a message to the customer is.
    const agent = await agentOf(calmdesk);
    await calmdesk.services.conversations.reply(conversationId, 'Call failed.', agent, true);
    expect((await conversation())?.oldestMissedAt).toBe(followUp.dueAt);
    clock.now = minutes(95);
    await calmdesk.services.conversations.reply(
      conversationId,
      "Maria, I'm sorry I didn't call back when I said. Your router ships today.",
      agent,
    );
    expect((await conversation())?.oldestMissedAt).toBeNull();
    // The record of the miss stays.
    expect(await statusOf(calmdesk, followUp.id)).toBe('missed');
  });

  it('records a promise as kept when the agent writes to the customer before it is due', async () => {
    const { calmdesk, clock, events } = await start();
    const conversationId = await customerWrites(calmdesk, 'jon');
    const followUp = await promiseCallBack(calmdesk, conversationId);

    clock.now = minutes(20);
    const reply = await calmdesk.services.conversations.reply(
      conversationId,
      'Jon, I have checked: your replacement router was dispatched this morning.',
      await agentOf(calmdesk),
    );
    const kept = await calmdesk.store.getFollowUp(followUp.id);
    expect(kept).toMatchObject({ status: 'kept', keptByMessageId: reply.message.id });
    expect((await calmdesk.store.getConversation(conversationId))?.nextDueAt).toBeNull();

    for (const at of [50, 61, 24 * 60]) {
      clock.now = minutes(at);
      expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    }
    expect(await statusOf(calmdesk, followUp.id)).toBe('kept');
    expect(followUpEvents(events, followUp.id)).toEqual(['follow_up.created', 'follow_up.kept']);
  });

  it('keeps a promise that has come due when the agent writes before its time', async () => {
    const { calmdesk, clock, events } = await start();
    const conversationId = await customerWrites(calmdesk, 'jon');
    const followUp = await promiseCallBack(calmdesk, conversationId);
    clock.now = minutes(50);
    await calmdesk.services.followUps.runClock();
    clock.now = minutes(58);
    await calmdesk.services.conversations.reply(
      conversationId,
      'Calling you now, Jon.',
      await agentOf(calmdesk),
    );
    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 0, woke: 0 });
    expect(followUpEvents(events, followUp.id)).toEqual([
      'follow_up.created',
      'follow_up.due',
      'follow_up.kept',
    ]);
  });

  it('does not count a message to another customer as keeping the promise', async () => {
    const { calmdesk, clock } = await start();
    const followUp = await promiseCallBack(calmdesk, await customerWrites(calmdesk, 'maria'));
    const other = await customerWrites(calmdesk, 'jon');
    clock.now = minutes(20);
    await calmdesk.services.conversations.reply(
      other,
      'Your refund is on its way, Jon.',
      await agentOf(calmdesk),
    );
    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ missed: 1 });
    expect(await statusOf(calmdesk, followUp.id)).toBe('missed');
  });

  it('wakes a snoozed conversation once its snooze has passed', async () => {
    const { calmdesk, clock, events } = await start();
    const conversationId = await customerWrites(calmdesk, 'maria');
    await calmdesk.services.conversations.updateConversation(
      conversationId,
      { status: 'snoozed', snoozedUntil: minutes(120).toISOString() },
      await agentOf(calmdesk),
    );

    clock.now = minutes(119);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ woke: 0 });
    expect((await calmdesk.store.getConversation(conversationId))?.status).toBe('snoozed');

    clock.now = minutes(121);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ woke: 1 });
    expect(await calmdesk.store.getConversation(conversationId)).toMatchObject({
      status: 'open',
      snoozedUntil: null,
    });
    expect(events.at(-1)).toMatchObject({
      type: 'conversation.updated',
      conversationId,
      payload: { conversation: { status: 'open' } },
    });

    clock.now = minutes(180);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ woke: 0 });
  });
});

describe('the follow-up clock across a restart', () => {
  it('fires each change exactly once, whichever instance runs it', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const followUp = await promiseCallBack(
      first.calmdesk,
      await customerWrites(first.calmdesk, 'maria'),
    );
    first.clock.now = minutes(50);
    expect(await first.calmdesk.services.followUps.runClock()).toMatchObject({ due: 1 });
    await first.calmdesk.store.close();
    open.splice(open.indexOf(first.calmdesk), 1);

    const second = await start(dataDir, { now: minutes(61) });
    expect(await statusOf(second.calmdesk, followUp.id)).toBe('due');
    expect(await second.calmdesk.services.followUps.runClock()).toEqual({
      due: 0,
      missed: 1,
      woke: 0,
    });
    expect(await second.calmdesk.services.followUps.runClock()).toEqual({
      due: 0,
      missed: 0,
      woke: 0,
    });
    await second.calmdesk.store.close();
    open.splice(open.indexOf(second.calmdesk), 1);

    const third = await start(dataDir, { now: minutes(24 * 60) });
    expect(await third.calmdesk.services.followUps.runClock()).toEqual({
      due: 0,
      missed: 0,
      woke: 0,
    });
    const recorded = await third.calmdesk.store.listEventsAfter(0, 1000);
    expect(followUpEvents(recorded, followUp.id)).toEqual([
      'follow_up.created',
      'follow_up.due',
      'follow_up.missed',
    ]);
    expect(await statusOf(third.calmdesk, followUp.id)).toBe('missed');
  });

  it('does not lose a promise made before a restart that falls due while it is down', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const followUp = await promiseCallBack(
      first.calmdesk,
      await customerWrites(first.calmdesk, 'maria'),
    );
    await first.calmdesk.store.close();
    open.splice(open.indexOf(first.calmdesk), 1);

    const second = await start(dataDir, { now: minutes(61) });
    expect(await second.calmdesk.services.followUps.runClock()).toEqual({
      due: 0,
      missed: 1,
      woke: 0,
    });
    expect(await second.calmdesk.services.followUps.runClock()).toEqual({
      due: 0,
      missed: 0,
      woke: 0,
    });
    const recorded = await second.calmdesk.store.listEventsAfter(0, 1000);
    expect(recorded.filter((e) => e.type === 'follow_up.missed')).toHaveLength(1);
    expect(followUpEvents(recorded, followUp.id)).toEqual([
      'follow_up.created',
      'follow_up.missed',
    ]);
  });
});
