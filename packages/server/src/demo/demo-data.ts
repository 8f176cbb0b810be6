/**
 * The demo that seeds a fresh Calmdesk, so a new team sees the product working on its first
 * visit instead of an empty inbox: calm questions, customers at every temperature, an abusive
 * one, two conversations an agent turned around, promises kept, missed and still running,
 * contacts who came back on another channel, and for the supervisor an escalation and a goodwill
 * offer waiting, and a heated conversation nobody owns yet.
 *
 * Pure data and one pure function: no clock, no storage. Every time is written as minutes
 * before the moment of seeding, so the demo looks just as fresh whenever it is seeded; the
 * seeder passes its clock to `demoTimeline`. All text was written for Calmdesk.
 *
 * Invariants the tests hold:
 * - contact, conversation keys are unique across the whole demo;
 * - within a conversation `minutesAgo` strictly decreases (oldest message first);
 * - every agent message and note names its author, an agent or the supervisor;
 * - promises are timed with durations ("within the hour", "within 2 hours"), never weekday
 *   names or clock times, so whether each one is kept, missed or still running is the same
 *   whatever day and hour the demo is seeded.
 */

/** One message of a demo conversation. */
export interface DemoMessage {
  role: 'customer' | 'agent' | 'note';
  text: string;
  /** Minutes before the moment of seeding. */
  minutesAgo: number;
  /** The agent's username, for agent messages and notes. */
  author?: 'alex' | 'sam' | 'jordan';
}

/** One demo conversation, with its messages oldest first. */
export interface DemoConversation {
  key: string;
  channel: string;
  subject: string;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  assignee?: 'alex' | 'sam' | 'jordan';
  messages: DemoMessage[];
  /** An escalation the agent asked for, still waiting for the supervisor. */
  escalation?: { by: 'alex' | 'sam'; reason: string };
  /** A goodwill offer the agent proposed above their limit, waiting for approval. */
  goodwill?: { by: 'alex' | 'sam'; kind: 'credit'; value: number; reason: string };
}

/** A demo customer, with what goodwill sizing needs to know about them (core's GoodwillCustomer). */
export interface DemoContact {
  key: string;
  name: string;
  email: string;
  customer: { lifetimeValue: number; monthlySpend?: number; tenureMonths?: number; plan?: string };
  conversations: DemoConversation[];
}

/** A demo team member. */
export interface DemoUser {
  username: 'alex' | 'sam' | 'jordan' | 'morgan';
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
}

/** The demo team: two agents who answer, a supervisor who takes escalations, an admin. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alex', name: 'Alex Rivera', role: 'agent' },
  { username: 'sam', name: 'Sam Okafor', role: 'agent' },
  { username: 'jordan', name: 'Jordan Lee', role: 'supervisor' },
  { username: 'morgan', name: 'Morgan Blake', role: 'admin' },
];

/**
 * The demo's customers and their conversations. Heated open conversations are the most recent,
 * so they top the inbox; the calm and resolved ones reach back about three days.
 */
export const DEMO_CONTACTS: readonly DemoContact[] = [
  {
    key: 'elena-rossi',
    name: 'Elena Rossi',
    email: 'elena.rossi@example.com',
    customer: { lifetimeValue: 86, tenureMonths: 4 },
    conversations: [
      {
        // Calm: a simple question, answered quickly.
        key: 'elena-shipping-ireland',
        channel: 'chat',
        subject: 'Do you ship to Ireland?',
        status: 'resolved',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: 'Hi there, do you ship to Ireland? And roughly how long does delivery take?',
            minutesAgo: 2650,
          },
          {
            role: 'agent',
            author: 'alex',
            text: 'Hi Elena, we do! Orders to Ireland usually arrive in 3-5 working days, and shipping is free on orders over €50. Is there anything else I can help with?',
            minutesAgo: 2644,
          },
          { role: 'customer', text: 'Perfect, thanks a lot!', minutesAgo: 2641 },
        ],
      },
    ],
  },
  {
    key: 'tom-becker',
    name: 'Tom Becker',
    email: 'tom.becker@example.com',
    customer: { lifetimeValue: 412, tenureMonths: 26 },
    conversations: [
      {
        // Calm: a polite request, done in one reply.
        key: 'tom-address-change',
        channel: 'email',
        subject: 'Change of delivery address for order 5521',
        status: 'resolved',
        assignee: 'sam',
        messages: [
          {
            role: 'customer',
            text: "Hello, could I change the delivery address on order 5521 before it ships? I've just moved to 14 Harbour Lane, Bristol BS1 4QA. Thanks so much.",
            minutesAgo: 1460,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Hi Tom, congratulations on the move! I've updated order 5521 to 14 Harbour Lane, Bristol BS1 4QA, and nothing else about the order has changed. Anything else I can do for you?",
            minutesAgo: 1395,
          },
          {
            role: 'customer',
            text: "That's everything, thank you for the quick help.",
            minutesAgo: 1380,
          },
        ],
      },
    ],
  },
  {
    key: 'priya-nair',
    name: 'Priya Nair',
    email: 'priya.nair@example.com',
    customer: { lifetimeValue: 1340, tenureMonths: 38 },
    conversations: [
      {
        // Resolved, de-escalated well: every step of the practice, and a promise kept early.
        key: 'priya-cracked-blender',
        channel: 'email',
        subject: 'Blender arrived with a cracked jug',
        status: 'resolved',
        assignee: 'sam',
        messages: [
          {
            role: 'customer',
            text: "I ordered the Vortex 900 blender as a birthday present and it arrived with the jug cracked right down the side. The party is in two days. I'm honestly really disappointed - I paid extra for express delivery and this is what turns up.",
            minutesAgo: 4310,
          },
          {
            role: 'customer',
            text: 'And your returns page just keeps showing an error when I try to report it, which is making this even worse.',
            minutesAgo: 4302,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Hi Priya, I'm so sorry the blender arrived cracked. That must be so frustrating, especially when it's a present and the party is so close. So I've understood it right: the jug was broken when it arrived, you paid for express delivery, and the returns page wouldn't let you report it. That's our fault, not yours. I'll personally send you a replacement by express courier at no cost, I'll refund the express delivery charge, and you won't need to send the broken one back. I'll email you the tracking number within 2 hours.",
            minutesAgo: 4280,
          },
          {
            role: 'customer',
            text: "Okay. Thank you, that's honestly more than I expected. I appreciate you sorting it so quickly.",
            minutesAgo: 4262,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Here's the tracking number, as promised: DX 4471 9902, by express courier. The £4.99 express charge is back on your card too. I hope the party goes brilliantly!",
            minutesAgo: 4195,
          },
          { role: 'customer', text: 'Got it, thanks Sam!', minutesAgo: 4190 },
        ],
      },
      {
        // Calm: a thank-you, the same customer back on another channel days later.
        key: 'priya-thank-you',
        channel: 'whatsapp',
        subject: 'Replacement blender arrived',
        status: 'resolved',
        assignee: 'sam',
        messages: [
          {
            role: 'customer',
            text: 'Hi! Just wanted to say the replacement blender arrived and my sister loved it. Thank you Sam, you were brilliant.',
            minutesAgo: 310,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "That's lovely to hear, Priya. Thank you for letting us know, and happy birthday to your sister!",
            minutesAgo: 296,
          },
        ],
      },
    ],
  },
  {
    key: 'darnell-hayes',
    name: 'Darnell Hayes',
    email: 'darnell.hayes@example.com',
    customer: { lifetimeValue: 158, tenureMonths: 7 },
    conversations: [
      {
        // Heated, open, unanswered: a burst of messages ending in shouting, minutes ago.
        key: 'darnell-late-order',
        channel: 'chat',
        subject: 'Order 88213 not delivered',
        status: 'open',
        messages: [
          {
            role: 'customer',
            text: "Hi, my order 88213 still hasn't arrived. It was meant to be here four days ago.",
            minutesAgo: 14,
          },
          {
            role: 'customer',
            text: "The tracking hasn't moved in a week.",
            minutesAgo: 10,
          },
          {
            role: 'customer',
            text: 'WHERE IS MY ORDER??? I paid for next-day delivery and your tracking page says NOTHING!!! Is ANYONE there???',
            minutesAgo: 6,
          },
        ],
      },
    ],
  },
  {
    key: 'marcus-webb',
    name: 'Marcus Webb',
    email: 'marcus.webb@example.com',
    customer: { lifetimeValue: 714, monthlySpend: 9.92, tenureMonths: 72, plan: 'annual' },
    conversations: [
      {
        // A missed promise: the call back "within the hour" never came.
        key: 'marcus-double-charge-call',
        channel: 'phone',
        subject: 'Charged twice for the annual plan renewal',
        status: 'pending',
        assignee: 'alex',
        // Above an agent's limit: it waits in the supervisor's approvals.
        goodwill: {
          by: 'alex',
          kind: 'credit',
          value: 30,
          reason:
            'Charged twice, and the call back I promised never came: a credit for the trouble.',
        },
        messages: [
          {
            role: 'customer',
            text: "(Call) I've been charged twice for my annual plan renewal, £119 both times on the same day. I need one of them refunded, please.",
            minutesAgo: 2890,
          },
          {
            role: 'agent',
            author: 'alex',
            text: "I'm sorry about the double charge, Marcus. I can see both £119 payments on your account. I'm checking with billing now, and I'll call you back within the hour once they confirm the refund.",
            minutesAgo: 2884,
          },
        ],
      },
      {
        // Heated, open: repeated contact about the broken promise, now in public.
        key: 'marcus-third-time',
        channel: 'twitter',
        subject: 'Double charge: still no call back',
        status: 'open',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: '@CalmdeskShop I was promised a call back about being charged twice for my plan. That was yesterday. No call, no refund.',
            minutesAgo: 1210,
          },
          {
            role: 'customer',
            text: "@CalmdeskShop This is the THIRD time I'm contacting you about being charged twice. Nobody called me back like you PROMISED. Refund my £119 or I'm cancelling for good!!",
            minutesAgo: 35,
          },
        ],
      },
    ],
  },
  {
    key: 'hannah-kowalski',
    name: 'Hannah Kowalski',
    email: 'hannah.kowalski@example.com',
    customer: { lifetimeValue: 980, tenureMonths: 19 },
    conversations: [
      {
        // Heated, open, with threats; the agent has answered well and a promise is still running.
        key: 'hannah-missing-refund',
        channel: 'email',
        subject: 'Refund for returned coffee machine',
        status: 'open',
        assignee: 'sam',
        // Waiting in the supervisor's queue: only finance can release the refund today.
        escalation: {
          by: 'sam',
          reason:
            'A chargeback and public reviews are threatened; the refund needs releasing by finance today.',
        },
        messages: [
          {
            role: 'customer',
            text: "I returned the coffee machine three weeks ago and I still haven't had my £249 refund. Your courier confirmed you received it. If the money isn't back in my account by the end of the week I'm filing a chargeback with my bank and posting about this on Trustpilot and Twitter.",
            minutesAgo: 95,
          },
          {
            role: 'customer',
            text: 'I also spent forty minutes on hold this morning before the line went dead. Is anyone actually reading these?',
            minutesAgo: 58,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Hannah, I'm really sorry, and I completely understand how frustrating this is. Three weeks is far too long to wait for £249 that's yours, and being cut off after forty minutes on hold made it worse. You sent the machine back, our courier confirmed it arrived, and the refund still hasn't reached you: that's our failure. I'm tracing the refund with our finance team right now, and I'll get back to you within 2 hours with exactly where it is and when it will land.",
            minutesAgo: 20,
          },
        ],
      },
    ],
  },
  {
    key: 'gregory-lyons',
    name: 'Gregory Lyons',
    email: 'gregory.lyons@example.com',
    customer: { lifetimeValue: 1620, monthlySpend: 45, tenureMonths: 8, plan: 'fibre-500' },
    conversations: [
      {
        // Heated, open: a policy the customer never understood, a demand for a manager, and the
        // agent's hand-off note so the supervisor can take over without the story repeated.
        key: 'gregory-cancellation-fee',
        channel: 'chat',
        subject: 'Early cancellation fee',
        status: 'open',
        assignee: 'jordan',
        messages: [
          {
            role: 'customer',
            text: "I cancelled my broadband because I'm moving abroad, and you've charged me a £180 early cancellation fee. Nobody mentioned any fee when I signed up.",
            minutesAgo: 170,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "I'm sorry, Gregory. A £180 charge you weren't expecting is a real shock, especially in the middle of a move. Let me look at exactly what your contract says so I can see what we can do.",
            minutesAgo: 164,
          },
          {
            role: 'customer',
            text: "I don't want you to look at anything. I want this fee removed.",
            minutesAgo: 161,
          },
          {
            role: 'agent',
            author: 'sam',
            text: 'I understand. Your contract has a 12-month minimum term with 4 months left, but moving abroad is exactly the kind of situation where we can reduce the fee. Would waiving half of it feel fair to you?',
            minutesAgo: 152,
          },
          {
            role: 'customer',
            text: 'NO it would not. This is a RIDICULOUS policy that nobody explained to me. I want to speak to a manager. NOW. I am not discussing this with you any further!!!',
            minutesAgo: 148,
          },
          {
            role: 'note',
            author: 'sam',
            text: 'Jordan, Gregory Lyons is disputing a £180 early cancellation fee (moving abroad, 4 months left on a 12-month term). He says the fee was never explained at sign-up. I offered to waive half; he declined and is asking for a manager. Could you take over? He should not have to repeat any of this.',
            minutesAgo: 145,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Of course, Gregory. I've passed everything to my supervisor, Jordan, so you won't need to explain any of it again.",
            minutesAgo: 143,
          },
          {
            role: 'agent',
            author: 'jordan',
            text: "Hi Gregory, I'm Jordan, the team supervisor. I've read the whole conversation. You were never told about the fee when you signed up, and that's something we should have made clear. I'm checking your sign-up call now to see exactly what was said.",
            minutesAgo: 131,
          },
          {
            role: 'customer',
            text: "Fine. But I'm not paying £180 for something nobody told me about.",
            minutesAgo: 127,
          },
        ],
      },
    ],
  },
  {
    key: 'kyle-brennan',
    name: 'Kyle Brennan',
    email: 'kyle.brennan@example.com',
    customer: { lifetimeValue: 540, monthlySpend: 30, tenureMonths: 18, plan: 'tv-plus' },
    conversations: [
      {
        // Abusive: insults at the agent, one warning, and the customer kept going; Calmdesk
        // should recommend stopping.
        key: 'kyle-tv-box',
        channel: 'whatsapp',
        subject: 'TV box not working',
        status: 'open',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: 'You useless idiot, my TV box has been dead all evening. Fix it.',
            minutesAgo: 75,
          },
          {
            role: 'agent',
            author: 'alex',
            text: "I want to get your TV working again, Kyle. I'm not able to continue if the personal insults carry on, so let's keep to the issue: is the light on the front of the box red or off?",
            minutesAgo: 71,
          },
          {
            role: 'customer',
            text: 'Are you deaf? I said it is DEAD. Damn useless, the lot of you.',
            minutesAgo: 68,
          },
          {
            role: 'customer',
            text: 'Honestly, what an idiot. Do your job.',
            minutesAgo: 67,
          },
        ],
      },
    ],
  },
  {
    key: 'aisha-bello',
    name: 'Aisha Bello',
    email: 'aisha.bello@example.com',
    customer: { lifetimeValue: 265, tenureMonths: 11 },
    conversations: [
      {
        // Resolved, de-escalated well: a promise kept early, and a check back after the fix.
        key: 'aisha-missing-parcel',
        channel: 'whatsapp',
        subject: 'Parcel marked delivered but never arrived',
        status: 'resolved',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: "My parcel says delivered but it's not here. Not with the neighbours, not in the porch, nowhere. It's a £90 pair of trainers for my son and I'm really fed up.",
            minutesAgo: 1850,
          },
          {
            role: 'customer',
            text: 'This is the second time your courier has done this to me.',
            minutesAgo: 1847,
          },
          {
            role: 'agent',
            author: 'alex',
            text: "Aisha, I'm really sorry. I can only imagine how frustrating it is to be told a parcel is delivered when it isn't, and even more so when it has happened before. Just so I have it right: the tracking says delivered, but the trainers aren't at your door or with the neighbours. I'll sort this out myself. I've opened a trace with the courier, and I'll message you back within the hour with their answer.",
            minutesAgo: 1830,
          },
          { role: 'customer', text: 'OK. Thank you.', minutesAgo: 1826 },
          {
            role: 'agent',
            author: 'alex',
            text: "Thanks for waiting, Aisha. The courier confirmed the driver left it at the wrong address, so I've sent a new pair by tracked courier at no cost, and added a £10 credit to your account for the hassle. Is there anything else I can do?",
            minutesAgo: 1790,
          },
          {
            role: 'customer',
            text: "That's brilliant, thank you for actually listening. I really appreciate it.",
            minutesAgo: 1781,
          },
          {
            role: 'agent',
            author: 'alex',
            text: 'Hi Aisha, just checking in: did the new trainers arrive safely, and do they fit?',
            minutesAgo: 420,
          },
          { role: 'customer', text: 'They did, all good. Thanks again!', minutesAgo: 402 },
        ],
      },
    ],
  },
  {
    key: 'lena-fischer',
    name: 'Lena Fischer',
    email: 'lena.fischer@example.com',
    customer: { lifetimeValue: 2280, monthlySpend: 49, tenureMonths: 41, plan: 'business' },
    conversations: [
      {
        // A missed promise: "within the hour", and the customer is still waiting.
        key: 'lena-account-locked',
        channel: 'email',
        subject: 'Locked out after a password reset',
        status: 'open',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: "Hi, I've been locked out of my account since a password reset this morning. The reset email never arrives, and I need to download my invoices for my accountant today.",
            minutesAgo: 260,
          },
          {
            role: 'agent',
            author: 'alex',
            text: "Sorry about this, Lena. I can see the lock on your account. Let me look into why the reset email isn't reaching you, and I'll get back to you within the hour.",
            minutesAgo: 252,
          },
          {
            role: 'customer',
            text: "Still locked out. You said you'd get back to me within the hour, and that was nearly two hours ago.",
            minutesAgo: 140,
          },
          {
            role: 'customer',
            text: 'Hello? My accountant needs these invoices TODAY. Is anyone there?',
            minutesAgo: 85,
          },
        ],
      },
    ],
  },
  {
    key: 'rob-nakamura',
    name: 'Rob Nakamura',
    email: 'rob.nakamura@example.com',
    customer: { lifetimeValue: 610, tenureMonths: 30 },
    conversations: [
      {
        // A policy dispute settled by bending a rule within limits: waiting on the customer.
        key: 'rob-boots-return',
        channel: 'email',
        subject: 'Return outside the 30-day window',
        status: 'pending',
        assignee: 'sam',
        messages: [
          {
            role: 'customer',
            text: "I'd like to return the hiking boots I bought 34 days ago. They started letting in water on the first proper walk. Your site says I'm 4 days past the 30-day return window, which seems unfair when they're faulty.",
            minutesAgo: 3000,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Hi Rob, I'm sorry the boots let you down on their first proper outing, and you're right that a fault isn't the same as changing your mind. I've made an exception to the return window and attached a prepaid return label. Once they're back, would you prefer a replacement pair or a full refund?",
            minutesAgo: 2960,
          },
          {
            role: 'customer',
            text: 'A refund, please. Thanks for being reasonable about it.',
            minutesAgo: 2930,
          },
          {
            role: 'agent',
            author: 'sam',
            text: 'Noted on your return. The refund goes back to your card once the boots reach our warehouse.',
            minutesAgo: 2921,
          },
        ],
      },
    ],
  },
  {
    key: 'olivia-grant',
    name: 'Olivia Grant',
    email: 'olivia.grant@example.com',
    customer: { lifetimeValue: 130, tenureMonths: 2 },
    conversations: [
      {
        // A faulty product on social media, snoozed until the replacement arrives.
        key: 'olivia-headphones',
        channel: 'twitter',
        subject: 'Headphones stopped charging',
        status: 'snoozed',
        assignee: 'alex',
        messages: [
          {
            role: 'customer',
            text: '@CalmdeskShop my AirWave headphones stopped charging after two weeks. Pretty disappointing for £130. What are my options?',
            minutesAgo: 1620,
          },
          {
            role: 'agent',
            author: 'alex',
            text: 'Hi Olivia, sorry to hear that. Two weeks is far too soon for them to fail. Could you send us your order number by DM so I can put it right?',
            minutesAgo: 1602,
          },
          { role: 'customer', text: 'Sent you the order number.', minutesAgo: 1580 },
          {
            role: 'agent',
            author: 'alex',
            text: "Thanks Olivia. I've sent a replacement pair by tracked courier, tracking 7Q22 1183. I'll check in with you in 3 days to make sure they're working.",
            minutesAgo: 1571,
          },
        ],
      },
    ],
  },
  {
    key: 'nina-okoro',
    name: 'Nina Okoro',
    email: 'nina.okoro@example.com',
    customer: { lifetimeValue: 372, monthlySpend: 62, tenureMonths: 6, plan: 'family-box' },
    conversations: [
      {
        // A cancellation the app made hard, done at once without a retention speech.
        key: 'nina-cancel-subscription',
        channel: 'chat',
        subject: 'Cancel my meal-kit subscription',
        status: 'resolved',
        assignee: 'sam',
        messages: [
          {
            role: 'customer',
            text: "I've tried to cancel my meal-kit subscription in the app twice now and the cancel button just spins. Please cancel it, I don't want to be charged again next week.",
            minutesAgo: 2200,
          },
          {
            role: 'agent',
            author: 'sam',
            text: "Sorry about that, Nina. A cancel button that doesn't work is the last thing you need. I've cancelled your subscription now, so there will be no further charges, and the confirmation email is on its way to you.",
            minutesAgo: 2191,
          },
          { role: 'customer', text: 'Got it. Thanks for sorting it.', minutesAgo: 2186 },
        ],
      },
    ],
  },
];

/**
 * The demo as timed messages, for the seeder to store: each message's time is `now` less its
 * `minutesAgo`. Sorted oldest first across the whole demo (ties keep the demo's order), so a
 * seeder that stores them in order raises events in the order they happened; within each
 * conversation that is oldest first too.
 *
 * @example
 * const rows = demoTimeline(new Date('2026-11-25T15:00:00Z'));
 * rows[0]; // { contactKey: 'priya-nair', conversationKey: 'priya-cracked-blender', role: 'customer', ... }
 */
export function demoTimeline(now: Date): Array<{
  contactKey: string;
  conversationKey: string;
  role: DemoMessage['role'];
  author?: string;
  text: string;
  at: string;
}> {
  const nowMs = now.getTime();
  const rows = DEMO_CONTACTS.flatMap((contact) =>
    contact.conversations.flatMap((conversation) =>
      conversation.messages.map((message) => ({
        minutesAgo: message.minutesAgo,
        row: {
          contactKey: contact.key,
          conversationKey: conversation.key,
          role: message.role,
          ...(message.author === undefined ? {} : { author: message.author }),
          text: message.text,
          at: new Date(nowMs - message.minutesAgo * 60_000).toISOString(),
        },
      })),
    ),
  );
  // Array.prototype.sort is stable, so equal times keep the demo's order.
  return rows.sort((a, b) => b.minutesAgo - a.minutesAgo).map(({ row }) => row);
}
