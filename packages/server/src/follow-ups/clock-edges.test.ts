import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { newId } from '../ids.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import type { FollowUpRow } from '../storage/store.js';
import { startClock } from './follow-up-clock.js';
import type { FollowUpService } from './follow-up-service.js';

/*
 * The follow-up clock where a mutation run found it loosely held (issue 19): several promises
 * open on one conversation, more promises than one batch, what the outgoing webhook says about
 * a promise, and the timer that turns the clock (never two turns at once, stop waits, a failure
 * is reported and the clock goes on).
 */

const T = new Date('2026-03-02T10:00:00.000Z');
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);
const silent = { info: () => undefined, error: () => undefined };

const open: Calmdesk[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const calmdesk of open.splice(0)) await calmdesk.store.close();
});

/** A Calmdesk on a fake clock (`clock.now` moves it), with an outgoing webhook when given. */
async function start(webhookUrl?: string) {
  const clock = { now: T };
  const config = loadConfig(
    {},
    {
      dataDir: ':memory:',
      logLevel: 'silent',
      comingDueMinutes: 15,
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
    },
  );
  const calmdesk = await createCalmdesk(config, { now: () => clock.now, log: silent });
  open.push(calmdesk);
  return { calmdesk, clock };
}

/**
 * Maria writes in and Sam Carter promises her a call back within the hour (due at T+60 min);
 * returns that promise.
 */
async function promisedCallBack(calmdesk: Calmdesk): Promise<FollowUpRow> {
  const agent = await calmdesk.services.people.createUser(
    { email: 'sam@acme.example', name: 'Sam Carter', role: 'agent', password: 'correct horse' },
    null,
  );
  const [stored] = await calmdesk.services.ingest.ingest(
    [
      {
        externalId: 'maria-1',
        contact: { externalId: 'maria', name: 'Maria Lopez' },
        conversation: { externalId: 'maria-ticket', channel: 'chat' },
        direction: 'incoming',
        text: 'Nobody has called me back about my broken router. This is the third time I ask!',
        sentAt: minutes(-5).toISOString(),
      },
    ],
    null,
    'test',
  );
  expect(stored).toBeDefined();
  const { followUps } = await calmdesk.services.conversations.reply(
    stored!.conversationId,
    "I'm sorry about this. I'll call you back within the hour.",
    agent,
  );
  expect(followUps).toHaveLength(1);
  const followUp = await calmdesk.store.getFollowUp(followUps[0]!.id);
  expect(followUp).toMatchObject({ dueAt: minutes(60).toISOString(), ownerId: agent.id });
  return followUp!;
}

/** Another promise open on the same conversation as `like` (as an import might bring one). */
async function alsoPromised(
  calmdesk: Calmdesk,
  like: FollowUpRow,
  changes: Partial<FollowUpRow>,
): Promise<FollowUpRow> {
  const row: FollowUpRow = { ...like, id: newId(), text: 'Send the return label', ...changes };
  await calmdesk.store.insertFollowUp(row);
  return row;
}

describe('several promises on one conversation', () => {
  it('keeps the oldest missed promise on the conversation and moves its next due time on', async () => {
    const { calmdesk, clock } = await start();
    const first = await promisedCallBack(calmdesk);
    const second = await alsoPromised(calmdesk, first, { dueAt: minutes(120).toISOString() });
    const conversation = () => calmdesk.store.getConversation(first.conversationId);

    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 1, woke: 0 });
    expect(await conversation()).toMatchObject({
      oldestMissedAt: first.dueAt,
      nextDueAt: second.dueAt,
    });

    clock.now = minutes(121);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 1, woke: 0 });
    expect(await conversation()).toMatchObject({ oldestMissedAt: first.dueAt, nextDueAt: null });
  });

  it('puts the oldest of promises missed in the same turn on the conversation', async () => {
    const { calmdesk, clock } = await start();
    const first = await promisedCallBack(calmdesk);
    await alsoPromised(calmdesk, first, { dueAt: minutes(90).toISOString() });
    clock.now = minutes(200);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 2, woke: 0 });
    expect(await calmdesk.store.getConversation(first.conversationId)).toMatchObject({
      oldestMissedAt: first.dueAt,
      nextDueAt: null,
    });
  });

  it('does not show a promise that has only come due as missed', async () => {
    const { calmdesk, clock } = await start();
    const followUp = await promisedCallBack(calmdesk);
    clock.now = minutes(50);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 1, missed: 0, woke: 0 });
    expect(await calmdesk.store.getConversation(followUp.conversationId)).toMatchObject({
      oldestMissedAt: null,
      nextDueAt: followUp.dueAt,
    });
  });

  it('keeps the earlier of two promises missed in one turn, whichever is handled first', async () => {
    const { calmdesk, clock } = await start();
    const first = await promisedCallBack(calmdesk);
    clock.now = minutes(50);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ due: 1 });
    // Made later and due later: still pending when both are past their time.
    await alsoPromised(calmdesk, first, { dueAt: minutes(90).toISOString() });
    clock.now = minutes(100);
    expect(await calmdesk.services.followUps.runClock()).toEqual({ due: 0, missed: 2, woke: 0 });
    expect(await calmdesk.store.getConversation(first.conversationId)).toMatchObject({
      oldestMissedAt: first.dueAt,
    });
  });

  it('handles more promises than one batch in a single turn, each once', async () => {
    const { calmdesk, clock } = await start();
    const late = await promisedCallBack(calmdesk);
    // Already announced as coming due, and now past its time.
    await calmdesk.store.updateFollowUp(late.id, { status: 'due' });
    const soon = [5, 8, 10].map((m) => minutes(60 + m).toISOString());
    const pending = [];
    for (const dueAt of soon) pending.push(await alsoPromised(calmdesk, late, { dueAt }));

    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock(1)).toEqual({ due: 3, missed: 1, woke: 0 });
    expect((await calmdesk.store.getFollowUp(late.id))?.status).toBe('missed');
    for (const p of pending) expect((await calmdesk.store.getFollowUp(p.id))?.status).toBe('due');
    expect(await calmdesk.services.followUps.runClock(1)).toEqual({ due: 0, missed: 0, woke: 0 });
  });
});

describe('what the outgoing webhook says about a promise', () => {
  it('names the customer and the agent who made the promise, coming due and missed', async () => {
    const { calmdesk, clock } = await start('http://127.0.0.1:9/hooks/slack');
    const followUp = await promisedCallBack(calmdesk);
    clock.now = minutes(50);
    await calmdesk.services.followUps.runClock();
    clock.now = minutes(61);
    await calmdesk.services.followUps.runClock();
    const texts = (await calmdesk.store.listOutbox(100))
      .filter((d) => d.kind.startsWith('follow_up.'))
      .map((d) => [d.kind, (JSON.parse(d.body) as { text: string }).text]);
    expect(texts).toHaveLength(2);
    expect(texts.map(([kind]) => kind)).toEqual(['follow_up.due', 'follow_up.missed']);
    for (const [, text] of texts) {
      expect(text).toContain(`(due ${followUp.dueAt}) to Maria Lopez, made by Sam Carter`);
    }
  });

  it('says no one made a promise that has no owner', async () => {
    const { calmdesk, clock } = await start('http://127.0.0.1:9/hooks/slack');
    const owned = await promisedCallBack(calmdesk);
    await calmdesk.store.updateFollowUp(owned.id, { status: 'kept', closedAt: T.toISOString() });
    await alsoPromised(calmdesk, owned, { ownerId: null, text: 'Refund the duplicate charge' });
    clock.now = minutes(61);
    expect(await calmdesk.services.followUps.runClock()).toMatchObject({ missed: 1 });
    const [delivery] = await calmdesk.store.listOutbox(100);
    expect(delivery?.kind).toBe('follow_up.missed');
    const { text } = JSON.parse(delivery!.body) as { text: string };
    expect(text).toContain('to Maria Lopez: “Refund the duplicate charge”');
    expect(text).not.toContain('made by');
  });
});

/** A follow-up service whose turns end when the test says, counting how many began. */
function heldTurns(fail = false) {
  const ends: (() => void)[] = [];
  const state = { began: 0 };
  const followUps = {
    runClock: () => {
      state.began += 1;
      return new Promise((resolve, reject) => {
        ends.push(() => (fail ? reject(new Error('database gone')) : resolve({})));
      });
    },
  } as unknown as FollowUpService;
  const endTurn = async () => {
    const end = ends.shift();
    expect(end).toBeDefined();
    end!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { followUps, state, endTurn };
}

describe('the timer that turns the clock', () => {
  const timerClock = (followUps: FollowUpService, errors: unknown[] = []) =>
    startClock({
      followUps,
      // No delivery is configured, so the outbox is never read.
      store: undefined as unknown as Calmdesk['store'],
      now: () => T,
      intervalMs: 1_000,
      onError: (error) => errors.push(error),
    });

  it('turns at once, then each interval, never starting a turn while one is running', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const held = heldTurns();
    const timer = timerClock(held.followUps);
    expect(held.state.began).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(held.state.began).toBe(1);
    await held.endTurn();
    expect(held.state.began).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(held.state.began).toBe(2);
    await held.endTurn();
    await timer.stop();
  });

  it('stops only once the turn in flight has ended, and turns no more', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const held = heldTurns();
    const timer = timerClock(held.followUps);
    let stopped = false;
    const stopping = timer.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    await held.endTurn();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(held.state.began).toBe(1);
  });

  it('runs a turn asked for by hand after the one in flight, not beside it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const held = heldTurns();
    const timer = timerClock(held.followUps);
    const ticked = timer.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.state.began).toBe(1);
    await held.endTurn();
    expect(held.state.began).toBe(2);
    await held.endTurn();
    await ticked;
    await timer.stop();
  });

  it('reports a failed turn and turns again at the next interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const held = heldTurns(true);
    const errors: unknown[] = [];
    const timer = timerClock(held.followUps, errors);
    await held.endTurn();
    expect(errors).toEqual([new Error('database gone')]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(held.state.began).toBe(2);
    await held.endTurn();
    expect(errors).toHaveLength(2);
    await timer.stop();
  });

  it('leaves the webhook queue alone when no delivery is configured', async () => {
    const { calmdesk, clock } = await start('http://127.0.0.1:9/hooks/slack');
    await promisedCallBack(calmdesk);
    clock.now = minutes(61);
    const errors: unknown[] = [];
    const timer = startClock({
      followUps: calmdesk.services.followUps,
      store: calmdesk.store,
      now: () => clock.now,
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
    });
    await timer.tick();
    await timer.stop();
    expect(errors).toEqual([]);
    const queued = await calmdesk.store.listOutbox(100);
    expect(queued.map((d) => [d.kind, d.status, d.attempts])).toEqual([
      ['follow_up.missed', 'pending', 0],
    ]);
  });
});
