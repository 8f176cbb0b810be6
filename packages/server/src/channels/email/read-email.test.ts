import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { readEmail, replySubject, threadTokenFor } from './read-email.js';

type ComposeOptions = ConstructorParameters<typeof MailComposer>[0];

function compose(options: ComposeOptions): Promise<Buffer> {
  return new MailComposer({
    from: 'Dana Whitfield <dana@customer.test>',
    to: 'support@calmdesk.test',
    ...options,
  })
    .compile()
    .build();
}

// Reply layouts written for these tests in the shapes the big mail clients produce. Each new part
// is short and different from the quoted part, so a test can tell which one was kept.
const NEW_PART =
  'The replacement blender arrived cracked as well. I want a refund, not a third one.';
const QUOTED_PART = 'We have dispatched a replacement unit, it should reach you on Thursday.';

const LAYOUTS: Record<string, string> = {
  'Gmail (On ..., at ..., Name <address> wrote:)': `${NEW_PART}

On Mon, 7 Dec 2026 at 09:14, Calmdesk Support <support@calmdesk.test> wrote:

> Hello Dana,
>
> ${QUOTED_PART}
>
> Kind regards,
> Priya
`,
  'Gmail US, the attribution wrapped over two lines': `${NEW_PART}

On Mon, Dec 7, 2026 at 9:14 AM Priya from the Calmdesk Support Team <
support@calmdesk.test> wrote:

> ${QUOTED_PART}
`,
  'Outlook (a rule, then From: / Sent: / To: / Subject:)': `${NEW_PART}

Dana

________________________________
From: Calmdesk Support <support@calmdesk.test>
Sent: Monday, December 7, 2026 9:14 AM
To: Dana Whitfield <dana@customer.test>
Subject: RE: Order 55120

${QUOTED_PART}
`,
  'Outlook without a rule': `${NEW_PART}

From: Calmdesk Support <support@calmdesk.test>
Sent: 07 December 2026 09:14
To: Dana Whitfield
Subject: Re: Order 55120

${QUOTED_PART}
`,
  'Apple Mail on iPhone (signature, then > On ..., at ..., wrote:)': `${NEW_PART}

Sent from my iPhone

> On 7 Dec 2026, at 09:14, Calmdesk Support <support@calmdesk.test> wrote:
>
> ${QUOTED_PART}
`,
  'Apple Mail on a Mac': `${NEW_PART}

> On Dec 7, 2026, at 9:14 AM, Calmdesk Support <support@calmdesk.test> wrote:
>
> ${QUOTED_PART}
`,
  'a "-- " signature and no quote': `${NEW_PART}

-- 
Dana Whitfield
Facilities Manager, Northgate Clinic
+44 20 7946 0000
`,
};

describe('readEmail: what the customer wrote this time', () => {
  for (const [layout, body] of Object.entries(LAYOUTS)) {
    it(`keeps the new text and drops the quote and signature: ${layout}`, async () => {
      const mail = await readEmail(await compose({ subject: 'Re: Order 55120', text: body }));
      expect(mail.newText).toContain(NEW_PART);
      expect(mail.newText).not.toContain(QUOTED_PART);
      expect(mail.newText).not.toMatch(/wrote:|Sent from my|Sent:|Facilities Manager/);
      // The full body is still there for whoever reads the raw mail.
      expect(mail.fullText).toContain(NEW_PART);
    });
  }

  it('keeps a reply that is only a quote rather than losing the message', async () => {
    const mail = await readEmail(
      await compose({ text: `> ${QUOTED_PART}\n> And another line quoted.\n` }),
    );
    expect(mail.newText).toContain(QUOTED_PART);
  });

  it('turns HTML-only mail into text, quotes of an HTML reply dropped too', async () => {
    const mail = await readEmail(
      await compose({
        subject: 'Re: Order 55120',
        html: `<div dir="ltr"><p>The blender is <b>STILL</b> broken &amp; nobody calls back!</p></div>
<div class="gmail_quote"><div class="gmail_attr">On Mon, 7 Dec 2026 at 09:14, Calmdesk Support &lt;support@calmdesk.test&gt; wrote:</div>
<blockquote class="gmail_quote"><p>${QUOTED_PART}</p></blockquote></div>`,
      }),
    );
    expect(mail.newText).toContain('The blender is STILL broken & nobody calls back!');
    expect(mail.newText).not.toMatch(/<|>|&amp;/);
    expect(mail.newText).not.toContain(QUOTED_PART);
  });

  it('lists attachments by name, type and size without keeping their content', async () => {
    const photo = Buffer.alloc(4096, 7);
    const mail = await readEmail(
      await compose({
        text: 'Photo of the crack attached.',
        attachments: [
          { filename: 'crack.jpg', content: photo, contentType: 'image/jpeg' },
          { filename: 'receipt.pdf', content: 'PDF-ish', contentType: 'application/pdf' },
        ],
      }),
    );
    expect(mail.attachments).toEqual([
      { filename: 'crack.jpg', contentType: 'image/jpeg', size: photo.length },
      { filename: 'receipt.pdf', contentType: 'application/pdf', size: 7 },
    ]);
    expect(JSON.stringify(mail)).not.toContain(photo.toString('base64').slice(0, 40));
    expect(mail.newText).toBe('Photo of the crack attached.');
  });
});

describe('readEmail: threading', () => {
  it('reads Message-ID, In-Reply-To and References without brackets, oldest first', async () => {
    const mail = await readEmail(
      await compose({
        messageId: '<reply-3@customer.test>',
        inReplyTo: '<agent-2@calmdesk.test>',
        references: ['<first-1@customer.test>', '<agent-2@calmdesk.test>'],
        subject: 'Re: Order 55120',
        text: 'Any news?',
      }),
    );
    expect(mail.messageId).toBe('reply-3@customer.test');
    expect(mail.parents).toEqual(['first-1@customer.test', 'agent-2@calmdesk.test']);
    expect(mail.from).toEqual({ address: 'dana@customer.test', name: 'Dana Whitfield' });
  });

  it('finds the conversation token a reply subject carries, in whatever the client added', async () => {
    const subject = replySubject('Order 55120 never arrived', 'conversation-1');
    const token = threadTokenFor('conversation-1');
    expect(subject).toBe(`Re: Order 55120 never arrived [#CD-${token}]`);
    const mail = await readEmail(await compose({ subject: `AW: ${subject}`, text: 'Well?' }));
    expect(mail.threadToken).toBe(token);
    expect(threadTokenFor('conversation-2')).not.toBe(token);
  });

  it('does not pile up "Re:" or tokens on a long thread', () => {
    const once = replySubject('Order 55120', 'c-9');
    expect(replySubject(`RE: Re: ${once}`, 'c-9')).toBe(once);
  });

  it('gives a mail without a Message-ID a stable id of its own, so it is stored once', async () => {
    const raw = 'From: a@customer.test\r\nTo: support@calmdesk.test\r\nSubject: x\r\n\r\nHello\r\n';
    const first = await readEmail(raw);
    expect(first.messageId).toMatch(/@calmdesk\.invalid$/);
    expect((await readEmail(raw)).messageId).toBe(first.messageId);
    expect((await readEmail(raw.replace('Hello', 'Hello again'))).messageId).not.toBe(
      first.messageId,
    );
  });
});

describe('readEmail: mail no person wrote', () => {
  const automatic: Record<string, Record<string, string>> = {
    'Auto-Submitted: auto-replied': { 'Auto-Submitted': 'auto-replied' },
    'Auto-Submitted: auto-generated': { 'Auto-Submitted': 'auto-generated' },
    'X-Autoreply: yes': { 'X-Autoreply': 'yes' },
    'X-Autorespond': { 'X-Autorespond': 'Out of office' },
    'X-Auto-Response-Suppress: All (Exchange)': { 'X-Auto-Response-Suppress': 'All' },
    'Precedence: auto_reply': { Precedence: 'auto_reply' },
    'Precedence: bulk': { Precedence: 'bulk' },
  };
  for (const [name, headers] of Object.entries(automatic)) {
    it(`marks ${name} as an auto-reply`, async () => {
      const mail = await readEmail(
        await compose({
          headers,
          subject: 'Automatic reply: Order 55120',
          text: 'I AM OUT OF THE OFFICE!!! This is UNACCEPTABLE timing, back Monday.',
        }),
      );
      expect(mail.kind).toBe('auto_reply');
      expect(mail.kindReason).not.toBeNull();
    });
  }

  it('counts a person who wrote Auto-Submitted: no as a person', async () => {
    const mail = await readEmail(
      await compose({ headers: { 'Auto-Submitted': 'no' }, text: 'Hello' }),
    );
    expect(mail.kind).toBe('customer');
  });

  it('marks a delivery status notification as a bounce', async () => {
    const boundary = 'dsn-boundary';
    const raw = [
      'From: MAILER-DAEMON@mail.customer.test (Mail Delivery System)',
      'To: support@calmdesk.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mail.customer.test>',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      'MIME-Version: 1.0',
      '',
      `--${boundary}`,
      'Content-Type: text/plain',
      '',
      'I am sorry to have to inform you that your message could not be delivered. FAILED!!!',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.customer.test',
      '',
      'Final-Recipient: rfc822; gone@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const mail = await readEmail(raw);
    expect(mail.kind).toBe('bounce');
  });

  it('leaves an ordinary angry customer mail a customer mail', async () => {
    const mail = await readEmail(await compose({ text: 'THIS IS THE THIRD TIME!!!' }));
    expect(mail.kind).toBe('customer');
    expect(mail.kindReason).toBeNull();
  });
});
