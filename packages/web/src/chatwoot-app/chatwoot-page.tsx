import { useSignal } from '@preact/signals';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, setSessionToken } from '../api/client.js';
import { sendReply } from '../conversation/conversation-data.js';
import { NextActionPanel, PlaybookPanel } from '../conversation/guidance-panels.js';
import { signWord } from '../conversation/words.js';
import { CoachedEditor, type SendOutcome } from '../shared/coached-editor/coached-editor.js';
import { SignInForm } from '../shared/sign-in-form.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import type { ConversationDetail, Message, User } from '../shared/types.js';
import { FETCH_INFO, readAppContext, type ChatwootContext } from './app-context.js';

/** Where the page keeps its session token: this tab only, partitioned under Chatwoot's site. */
const TOKEN_KEY = 'calmdesk.chatwoot.sessionToken';
/** How often, and how many times, a reply still on its way to Chatwoot is looked at again. */
const DELIVERY_POLL_MS = 1500;
const DELIVERY_POLLS = 8;

/** Where a reply stands on its way to the customer, when the server says (issue 14's outbox). */
interface DeliveryState {
  state: string;
  lastError?: string | null;
}

function deliveryOf(message: Message): DeliveryState | null {
  const delivery = (message as { delivery?: DeliveryState | null }).delivery;
  return delivery === undefined || delivery === null ? null : delivery;
}

const DELIVERY_WORDS: Record<string, string> = {
  queued: 'Waiting to reach Chatwoot',
  sending: 'Sending to Chatwoot',
  sent: 'Delivered to Chatwoot',
  failed: 'Not delivered to Chatwoot',
};

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage refused inside the frame (a strict browser setting): sign in each time.
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // As above: the token then lives as long as the page.
  }
}

/** The webhook and Dashboard App steps, for a Calmdesk that has not heard from Chatwoot. */
function SetUpSteps() {
  const base = location.origin;
  return (
    <ol class="cw-steps">
      <li>
        In Chatwoot, open <strong>Settings → Integrations → Webhooks</strong> and add{' '}
        <code>{`${base}/api/v1/webhooks/chatwoot`}</code> with the events <em>Message created</em>,{' '}
        <em>Conversation created</em> and <em>Conversation status changed</em>.
      </li>
      <li>
        Give Calmdesk the webhook's secret as <code>CALMDESK_CHATWOOT_SECRET</code>, and Chatwoot's
        address and an access token as <code>CALMDESK_CHATWOOT_URL</code> and{' '}
        <code>CALMDESK_CHATWOOT_API_TOKEN</code>, then restart Calmdesk.
      </li>
      <li>
        Under <strong>Settings → Integrations → Dashboard Apps</strong>, add{' '}
        <code>{`${base}/chatwoot-app`}</code> as the URL.
      </li>
      <li>The next message in a conversation brings it to Calmdesk.</li>
    </ol>
  );
}

function SignIn({ email, onSignedIn }: { email: string | null; onSignedIn: () => void }) {
  const signIn = async (address: string, password: string) => {
    const r = await api<{ user: User; sessionToken: string }>(
      'POST',
      '/api/v1/auth/session-tokens',
      { email: address, password },
    );
    storeToken(r.sessionToken);
    setSessionToken(r.sessionToken);
    onSignedIn();
  };
  return (
    <SignInForm class="cw-sign-in" idPrefix="cw-" initialEmail={email ?? ''} signIn={signIn}>
      <h1>Sign in to Calmdesk</h1>
    </SignInForm>
  );
}

/** The customer's recent signs of upset, each once, newest message first. */
function Signs({ messages }: { messages: readonly Message[] }) {
  const seen = new Set<string>();
  const signs: { kind: string; text: string }[] = [];
  const customer = messages
    .filter((m) => m.direction === 'incoming')
    .slice(-3)
    .reverse();
  for (const m of customer) {
    for (const s of [...(m.analysis.signals ?? []), ...(m.analysis.abuse?.signals ?? [])]) {
      const key = `${s.kind}:${s.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      signs.push({ kind: s.kind, text: s.text });
    }
  }
  return (
    <section class="panel" aria-labelledby="cw-signs-heading">
      <h2 id="cw-signs-heading">Signs of upset</h2>
      {signs.length === 0 ? (
        <p class="muted">None in the customer's latest messages.</p>
      ) : (
        <ul class="cw-signs">
          {signs.slice(0, 8).map((s, i) => (
            <li key={i}>
              <strong>{signWord(s.kind)}</strong>: <q>{s.text}</q>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Guidance({ detail, onChanged }: { detail: ConversationDetail; onChanged: () => void }) {
  const draft = useSignal('');
  const [delivery, setDelivery] = useState<DeliveryState | null>(null);
  const { conversation, analysis, messages } = detail;

  const reply = async (text: string): Promise<SendOutcome> => {
    try {
      const { message } = await sendReply(conversation.id, text);
      setDelivery(deliveryOf(message));
      onChanged();
      return { sent: true, status: 'Reply sent.' };
    } catch (err) {
      return {
        sent: false,
        error: err instanceof ApiError ? err.message : 'The reply could not be sent.',
      };
    }
  };

  // The state of the latest reply as the conversation is read again (the outbox moves it on).
  const latest = [...messages].reverse().find((m) => m.direction === 'outgoing');
  const shown = latest === undefined ? delivery : (deliveryOf(latest) ?? delivery);
  return (
    <>
      <header class="cw-header">
        <h1>{detail.contact?.name ?? conversation.subject ?? 'Customer'}</h1>
        <p>
          <span class="muted">Temperature </span>
          <TemperatureBadge value={conversation.temperature} />{' '}
          <TrendArrow trend={conversation.trend} />
        </p>
      </header>
      {analysis.nextAction !== null && analysis.nextAction !== undefined && (
        <NextActionPanel action={analysis.nextAction} onUse={(text) => (draft.value = text)} />
      )}
      <Signs messages={messages} />
      <section class="panel" aria-labelledby="cw-reply-heading">
        <h2 id="cw-reply-heading">Coached reply</h2>
        <CoachedEditor
          id="cw-reply"
          label="Reply"
          messages={messages}
          draft={draft}
          sendLabel="Send reply"
          emptyError="Write a reply first."
          onSend={reply}
        />
        {shown !== null && (
          <p class={`cw-delivery cw-delivery-${shown.state}`} role="status">
            Your last reply: {DELIVERY_WORDS[shown.state] ?? shown.state}
            {shown.state === 'failed' && shown.lastError ? `: ${shown.lastError}` : ''}
          </p>
        )}
      </section>
      <PlaybookPanel steps={analysis.playbook} />
    </>
  );
}

type Lookup =
  | { kind: 'loading' }
  | { kind: 'found'; detail: ConversationDetail }
  | { kind: 'unknown' }
  | { kind: 'error'; message: string };

/**
 * Calmdesk inside Chatwoot: a Dashboard App tab that shows, for the conversation Chatwoot has
 * open, the temperature, the signs, the next action, a coached reply box and the playbook.
 *
 * @example render(<ChatwootPage origin="https://chatwoot.example.com" />, root)
 */
export function ChatwootPage({ origin }: { origin: string }) {
  const framed = window.parent !== window;
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  const [context, setContext] = useState<ChatwootContext | null>(null);
  const [lookup, setLookup] = useState<Lookup>({ kind: 'loading' });
  const [polls, setPolls] = useState(0);

  const askChatwoot = useCallback(() => {
    if (framed && origin !== '') window.parent.postMessage(FETCH_INFO, origin);
  }, [framed, origin]);

  useEffect(() => {
    const token = readStoredToken();
    if (token === null) {
      setSignedIn(false);
      return;
    }
    setSessionToken(token);
    api('GET', '/api/v1/me').then(
      () => setSignedIn(true),
      () => {
        storeToken(null);
        setSessionToken(null);
        setSignedIn(false);
      },
    );
  }, []);

  useEffect(() => {
    const listen = (event: MessageEvent) => {
      const read = readAppContext(
        { origin: event.origin, source: event.source, data: event.data },
        { origin, parent: window.parent },
      );
      if (read === null) return;
      // The same conversation again (Chatwoot answering a focus) changes nothing on the page.
      setContext((shown) =>
        shown !== null &&
        shown.accountId === read.accountId &&
        shown.conversationId === read.conversationId
          ? shown
          : read,
      );
    };
    window.addEventListener('message', listen);
    // Chatwoot sends the context when the frame loads; the agent may have switched conversation
    // since, so the page asks again whenever it is looked at.
    window.addEventListener('focus', askChatwoot);
    askChatwoot();
    return () => {
      window.removeEventListener('message', listen);
      window.removeEventListener('focus', askChatwoot);
    };
  }, [origin, askChatwoot]);

  const load = useCallback(async () => {
    if (context === null || signedIn !== true) return;
    const path = `/api/v1/conversations/chatwoot/${encodeURIComponent(context.accountId)}/${encodeURIComponent(context.conversationId)}`;
    try {
      setLookup({ kind: 'found', detail: await api<ConversationDetail>('GET', path) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        storeToken(null);
        setSessionToken(null);
        setSignedIn(false);
      } else if (err instanceof ApiError && err.status === 404) setLookup({ kind: 'unknown' });
      else setLookup({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }, [context, signedIn]);

  // Another conversation opened in Chatwoot: nothing of the last one stays on screen, so no
  // reply meant for this customer can go to the previous one.
  useEffect(() => setLookup({ kind: 'loading' }), [context]);
  useEffect(() => void load(), [load]);

  // After a send, read again while the reply is still on its way, so its state shows.
  useEffect(() => {
    if (polls === 0) return;
    const timer = setTimeout(() => {
      void load();
      setPolls((n) => n - 1);
    }, DELIVERY_POLL_MS);
    return () => clearTimeout(timer);
  }, [polls, load]);

  if (origin === '') {
    return (
      <main class="cw">
        <h1>Calmdesk is not set up for Chatwoot</h1>
        <p>
          Set <code>CALMDESK_CHATWOOT_URL</code> to your Chatwoot's address and restart Calmdesk:
          until then this page refuses to be shown inside any other site.
        </p>
        <SetUpSteps />
      </main>
    );
  }
  if (!framed) {
    return (
      <main class="cw">
        <h1>Calmdesk for Chatwoot</h1>
        <p>This page works as a tab inside Chatwoot's conversation view.</p>
        <SetUpSteps />
      </main>
    );
  }
  if (signedIn === undefined) return <p class="boot">Loading Calmdesk…</p>;
  if (!signedIn) {
    return (
      <main class="cw">
        <SignIn email={context?.agentEmail ?? null} onSignedIn={() => setSignedIn(true)} />
      </main>
    );
  }
  const signOut = async () => {
    // The session ends on the server too, so a token left behind opens nothing.
    await api('POST', '/api/v1/auth/logout').catch(() => undefined);
    storeToken(null);
    setSessionToken(null);
    setSignedIn(false);
  };
  const signOutButton = (
    <button type="button" class="secondary cw-sign-out" onClick={() => void signOut()}>
      Sign out of Calmdesk
    </button>
  );
  if (context === null) {
    return (
      <main class="cw">
        <p class="boot">Waiting for Chatwoot to say which conversation is open…</p>
        <button type="button" onClick={askChatwoot}>
          Ask Chatwoot again
        </button>
        {signOutButton}
      </main>
    );
  }
  return (
    <main class="cw">
      {lookup.kind === 'loading' && <p class="boot">Loading the conversation…</p>}
      {lookup.kind === 'error' && (
        <p class="error" role="alert">
          {lookup.message}
        </p>
      )}
      {lookup.kind === 'unknown' && (
        <>
          <h1>Calmdesk has not received this conversation yet</h1>
          <p>
            Chatwoot conversation {context.conversationId} (account {context.accountId}) has not
            reached Calmdesk: its webhook is not set up, or no message has come since it was.
          </p>
          <SetUpSteps />
          <button type="button" onClick={() => void load()}>
            Look again
          </button>
        </>
      )}
      {lookup.kind === 'found' && (
        <Guidance
          key={lookup.detail.conversation.id}
          detail={lookup.detail}
          onChanged={() => {
            void load();
            setPolls(DELIVERY_POLLS);
          }}
        />
      )}
      {signOutButton}
    </main>
  );
}
