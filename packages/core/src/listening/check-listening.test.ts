import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import { checkListening, findOpenQuestion } from './check-listening.js';

const at = '2026-03-02T10:00:00Z';
const customer = (text: string): ConversationMessage => ({ role: 'customer', text, at });
const agent = (text: string): ConversationMessage => ({ role: 'agent', text, at });

function kinds(draft: string, conversation: ConversationMessage[]): string[] {
  return checkListening(draft, conversation).findings.map((f) => f.kind);
}

describe('checkListening', () => {
  it('passes a reply that answers the question asked', () => {
    const c = [customer('Is the warranty two years or three on the blender?')];
    expect(
      checkListening('It is three years on the blender, from the date of delivery.', c).listens,
    ).toBe(true);
    expect(
      checkListening('Yes: three years.', [customer('Does the kettle come with a warranty?')])
        .listens,
    ).toBe(true);
  });

  it('flags a reply that answers something else, and points at the question', () => {
    const c = [customer('Can I use the voucher on sale items?')];
    const r = checkListening('Our vouchers make a lovely gift for friends and family!', c);
    const found = r.findings.find((f) => f.kind === 'unanswered');
    expect(found).toBeDefined();
    expect(found?.ask?.text).toBe('Can I use the voucher on sale items?');
    expect(found?.rewrite?.replacement).toMatch(/within 10 minutes/);
  });

  it('flags the question left out when two are asked and one is answered', () => {
    const c = [customer('Does the plan include roaming in France? And how much is the setup fee?')];
    const r = checkListening('Yes, roaming in France is included with the plan.', c);
    expect(r.unanswered.map((a) => a.text)).toEqual(['And how much is the setup fee?']);
    expect(
      checkListening('Yes, roaming in France is included, and the setup fee is £15.', c).listens,
    ).toBe(true);
  });

  it('counts an honest holding line with a time as acknowledging the question', () => {
    const c = [customer('How much would it cost to ship to Norway?')];
    expect(
      checkListening("I'm checking the Norway rate now and will reply within 15 minutes.", c)
        .listens,
    ).toBe(true);
  });

  it('flags a bare holding line, and the same holding line twice more severely', () => {
    const c = [customer('What time does the engineer arrive tomorrow?')];
    const first = checkListening('Please hold.', c).findings[0];
    expect(first?.kind).toBe('stall');
    expect(first?.severity).toBe('warning');
    const again = [...c, agent('Let me check.'), customer('well?')];
    const second = checkListening('Let me check.', again).findings.find((f) => f.kind === 'stall');
    expect(second?.severity).toBe('problem');
  });

  it('flags asking for what the customer already gave', () => {
    expect(
      kinds('Sorry to hear that! How can I help you today?', [
        customer(
          'My parcel was marked delivered but it is not here and the neighbours have not seen it.',
        ),
      ]),
    ).toContain('asks_again');
    const order = [customer('Order 55120 arrived with the lid cracked.')];
    const r = checkListening('Could you tell me your order number please?', order);
    expect(r.findings[0]?.kind).toBe('asks_again');
    expect(r.findings[0]?.fact?.text).toContain('55120');
    expect(
      kinds('Have you tried restarting the router?', [
        customer("The wifi drops every hour. I've already restarted the router twice."),
      ]),
    ).toContain('asks_again');
  });

  it('does not call it asking again when the reply confirms the detail it was given', () => {
    const order = [customer('Order 55120 arrived with the lid cracked.')];
    expect(
      kinds("I'm sorry about order 55120. I've sent a new lid today by tracked post.", order),
    ).not.toContain('asks_again');
  });

  it('flags closing the chat while a question is open, not after the customer is done', () => {
    const open = [
      customer(
        "I've tried both cards and the payment page still fails at the last step, what else can I do?",
      ),
    ];
    expect(
      kinds("It looks like you've stepped away, so I'll close this chat now.", open),
    ).toContain('closes_open');
    const done = [
      customer('What is the code for the gate?'),
      agent('It is 4471.'),
      customer('Perfect, that worked, thanks!'),
    ];
    expect(kinds('Glad it worked! Have a great evening.', done)).toEqual([]);
  });

  it('flags steps written for a device the customer does not use', () => {
    const c = [
      customer('I have an iPhone 13 and the app will not open after the update. How do I fix it?'),
    ];
    const steps =
      'To fix this: 1. Open Google Play. 2. Find the app. 3. Tap Uninstall. 4. Install it again from Android settings.';
    expect(kinds(steps, c)).toContain('template');
    const fitting =
      'On your iPhone: 1. Press and hold the app icon. 2. Tap Remove App. 3. Reinstall it from the App Store. Your data is kept in your account.';
    expect(kinds(fitting, c)).not.toContain('template');
  });

  it('flags a curt contradiction, and passes a no with a reason and a way forward', () => {
    const c = [customer('Why can I not change my delivery address after ordering?')];
    expect(kinds('No. You need to contact the courier yourself.', c)).toContain('curt');
    expect(
      kinds(
        "It can't be changed once the courier has the parcel, but I can ask them to hold it at the depot for you.",
        c,
      ),
    ).not.toContain('curt');
  });

  it('never throws and says nothing about an empty draft', () => {
    expect(checkListening('', [customer('Is it in stock?')]).findings).toEqual([]);
    expect(checkListening('Hello', []).listens).toBe(true);
    const long = 'word '.repeat(50_000);
    expect(checkListening(long, [customer(long)]).open.length).toBeGreaterThanOrEqual(0);
  });

  it('reads taking it to a team yourself as ownership, not passing them on', () => {
    const billed = [customer('I was billed twice this month and I want it fixed.')];
    expect(
      kinds("I'll contact our billing team and get the second charge reversed.", billed),
    ).not.toContain('closes_open');
    expect(kinds('You will need to contact our billing team.', billed)).toContain('closes_open');
  });

  it('takes "is anyone there?" as answered by any reply, and still reads a real question', () => {
    const waiting = [customer('My parcel never came.'), customer('Is anyone there??')];
    expect(
      checkListening("I'm here, and I'm sorry your parcel hasn't arrived.", waiting).open,
    ).toEqual([]);
    const asked = [customer('Is anyone there? Can I still return the lamp after 30 days?')];
    expect(checkListening('', asked).open.map((a) => a.text)).toEqual([
      'Can I still return the lamp after 30 days?',
    ]);
  });

  it('never throws on messages that break their own types, and keeps their indices', () => {
    const broken = [
      null,
      { role: 'customer', text: 42 },
      customer('Do you deliver on Sundays?'),
    ] as unknown as ConversationMessage[];
    const r = checkListening('Thanks!', broken);
    expect(r.unanswered.map((a) => a.messageIndex)).toEqual([2]);
  });
});

describe('findOpenQuestion', () => {
  const question = customer('Can the sofa be delivered to the second floor, or only to the door?');

  it('keeps a question open across two holding lines in a row', () => {
    const open = findOpenQuestion([
      question,
      agent('One moment please.'),
      agent('Thanks for waiting.'),
    ]);
    expect(open?.ask.text).toBe(question.text);
    expect(open?.carried).toBe(true);
  });

  it('closes it when any of the agent replies after it answers', () => {
    expect(
      findOpenQuestion([
        question,
        agent('One moment please.'),
        agent('Yes, our couriers carry the sofa up to the second floor at no extra cost.'),
      ]),
    ).toBeUndefined();
  });
});
