import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateListening, formatListeningReport } from './eval-listening.js';

const pair = (id: string, customer: string, reply: string, bad: boolean, reason: string) =>
  JSON.stringify({
    id,
    domain: 'retail',
    conversation: [{ role: 'customer', text: customer }],
    reply,
    label: bad ? 'does_not_answer' : 'answers',
    reason,
  });

describe('eval --task listening', () => {
  it('scores each finding against the reason it was labelled with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calmdesk-listening-'));
    const file = join(dir, 'pairs.jsonl');
    writeFileSync(
      file,
      [
        pair(
          'a',
          'Is the blue mug dishwasher safe?',
          'Yes, the blue mug is dishwasher safe.',
          false,
          'good',
        ),
        pair('b', 'Is the blue mug dishwasher safe?', 'One moment please.', true, 'stall'),
        pair(
          'c',
          'Order 77120 came with a chipped rim.',
          'What is your order number?',
          true,
          'asks_again',
        ),
        pair(
          'd',
          'Can I return the lamp after 30 days?',
          'Our lamps come in four lovely colours this season!',
          true,
          'unanswered',
        ),
      ].join('\n'),
    );
    const report = await evaluateListening({ data: file, warn: () => undefined });
    expect(report.n).toBe(4);
    expect(report.byFinding.stall).toMatchObject({ support: 1, right: 1 });
    expect(report.byFinding.asks_again).toMatchObject({ support: 1, right: 1 });
    expect(report.byFinding.unanswered).toMatchObject({ support: 1, right: 1 });
    expect(report.recall).toBe(1);
    expect(report.precision).toBe(1);
    expect(formatListeningReport(report)).toContain('4 pairs');
    const odd = await evaluateListening({ data: file, half: 'odd', warn: () => undefined });
    expect(odd.n).toBe(2);
  });
});
