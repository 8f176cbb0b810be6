import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import { readMoneyAmounts, readStatedAmount } from './read-amounts.js';

const amounts = (text: string, team = 'USD') =>
  readMoneyAmounts(text, team).map((m) => `${m.amount} ${m.currency}`);

describe('readMoneyAmounts', () => {
  it('reads symbols, codes and words, before or after the number', () => {
    expect(amounts('They took £64 from my card again')).toEqual(['64 GBP']);
    expect(amounts('a charge of 72.40€ I never agreed to')).toEqual(['72.4 EUR']);
    expect(amounts('EUR 15 for delivery and USD 9.99 for the case')).toEqual([
      '15 EUR',
      '9.99 USD',
    ]);
    expect(amounts('that is 230 pounds gone')).toEqual(['230 GBP']);
    expect(amounts('forty quid? no, 40 quid')).toEqual(['40 GBP']);
    expect(amounts('I want my 35 euros back')).toEqual(['35 EUR']);
    expect(amounts('a $12.50 fee')).toEqual(['12.5 USD']);
    expect(amounts('refund the 18 dollars')).toEqual(['18 USD']);
    expect(amounts('they billed 310 GBP')).toEqual(['310 GBP']);
  });

  it('reads thousands and decimal separators the way each is written', () => {
    expect(amounts('£1,049.99 was taken')).toEqual(['1049.99 GBP']);
    expect(amounts('1.049,99 € wurden abgebucht')).toEqual(['1049.99 EUR']);
    expect(amounts('es waren 89,50 €')).toEqual(['89.5 EUR']);
  });

  it('takes a bare "$" as the team’s dollar, or US dollars for a team in another currency', () => {
    expect(amounts('$40 twice', 'CAD')).toEqual(['40 CAD']);
    expect(amounts('$40 twice', 'EUR')).toEqual(['40 USD']);
    expect(amounts('AU$ 25 and C$30', 'EUR')).toEqual(['25 AUD', '30 CAD']);
  });

  it('never reads a number without a currency as money', () => {
    expect(amounts('order 48213 arrived on 12/03 at 10:30, 3 items, ticket #119')).toEqual([]);
    expect(amounts('I paid 119 for it and waited 14 days')).toEqual([]);
    expect(amounts('order #£1190 A119 GBP2x')).toEqual([]);
    expect(amounts('a 5 pound bag of flour, 10 pounds of potatoes')).toEqual([]);
  });
});

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 9, minutes)).toISOString();
const conversation = (...turns: [ConversationMessage['role'], string][]): ConversationMessage[] =>
  turns.map(([role, text], i) => ({ role, text, at: at(i) }));

describe('readStatedAmount', () => {
  it('prefers the amount the customer and the agent both stated', () => {
    const stated = readStatedAmount(
      conversation(
        ['customer', 'My plan is €30 a month and this month you took €60, it was taken twice!'],
        ['agent', 'I can see the second €30 payment; it goes back to your card today.'],
      ),
      'USD',
    );
    expect(stated).toMatchObject({
      amount: 30,
      currency: 'EUR',
      statedByBoth: true,
      tiedToProblem: true,
    });
  });

  it('prefers an amount tied to the charge or refund over another amount', () => {
    const stated = readStatedAmount(
      conversation([
        'customer',
        'I spent $500 with you last year. Now I was overcharged $45 on the renewal.',
      ]),
      'USD',
    );
    expect(stated).toMatchObject({ amount: 45, currency: 'USD', tiedToProblem: true });
  });

  it('reads notes as no one’s statement, and finds nothing where no amount is written', () => {
    expect(
      readStatedAmount(
        conversation(
          ['customer', 'You charged me twice for order 55120!!'],
          ['note', 'Duplicate of £20 per billing system'],
        ),
        'GBP',
      ),
    ).toBeNull();
  });
});
