import { afterAll, describe, expect, it } from 'vitest';
import { MessagePipeline } from '../messages/message-pipeline.js';
import type { AppContext } from '../app/app-context.js';
import { AnalysisPool } from './analysis-pool.js';
import { messageReader, type MessageToRead } from '../messages/read-message.js';

// The analysis pool reads large batches on worker threads with `messageReader`, the reader the
// pipeline uses on the event loop; what it gives must be the same, message for message and in
// order.

const TIME_ZONE = 'Europe/London';
const SENT = '2026-11-27T10:00:00.000Z';
const context = { now: () => new Date(SENT), timeZone: TIME_ZONE } as unknown as AppContext;
const pipeline = new MessagePipeline(context);
const inline = (m: MessageToRead) => pipeline.analyse(m.direction, m.text, m.sentAt);

const MESSAGES: MessageToRead[] = [
  {
    direction: 'incoming',
    text: 'This is the THIRD time I ask. Where is my refund?!',
    sentAt: SENT,
  },
  {
    direction: 'outgoing',
    text: "I'll call you back by 5pm tomorrow with the refund.",
    sentAt: SENT,
  },
  { direction: 'note', text: 'Customer called twice already.', sentAt: SENT },
  { direction: 'incoming', text: 'Thanks, all sorted now 🙂', sentAt: SENT },
];

const pool = new AnalysisPool({ timeZone: TIME_ZONE, readInline: inline, minChars: 0 });
afterAll(() => pool.close());

describe('the analysis pool', () => {
  it('reads each direction for what it holds: upset, promises, nothing', () => {
    const read = messageReader(TIME_ZONE);
    const [angry, promise, note] = MESSAGES.map(read);
    expect(angry?.temperature).toBeGreaterThan(50);
    expect(JSON.parse(angry?.analysis ?? '{}')).toMatchObject({ kind: 'customer' });
    expect(promise?.temperature).toBeNull();
    expect(promise?.commitments).toHaveLength(1);
    expect(promise?.commitments[0]?.due).toMatch(/^2026-11-28T17:00/);
    expect(note).toEqual({ temperature: null, analysis: '{"kind":"note"}', commitments: [] });
  });

  it('gives, from its workers, the readings of the event loop, in order', async () => {
    expect(pool.usesWorkers(1)).toBe(true);
    const many = Array.from({ length: 60 }, (_, i) => MESSAGES[i % MESSAGES.length]!);
    expect(await pool.read(many)).toEqual(many.map(inline));
  });

  it('reads small batches inline, and everything inline once closed', async () => {
    const small = new AnalysisPool({ timeZone: TIME_ZONE, readInline: inline });
    expect(small.usesWorkers(1_000)).toBe(false);
    await small.close();
    expect(small.usesWorkers(10_000_000)).toBe(false);
    expect(await small.read(MESSAGES)).toEqual(MESSAGES.map(inline));
  });
});
