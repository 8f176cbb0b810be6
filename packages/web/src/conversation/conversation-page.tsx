import { useSignal } from '@preact/signals';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { onLive } from '../api/live.js';
import { href } from '../shared/navigation.js';
import type { FollowUp, Message } from '../shared/types.js';
import { Composer } from './composer.js';
import { PendingChanges } from './delivery-status.js';
import { ConversationHeader } from './conversation-header.js';
import {
  fetchConversation,
  fetchTeam,
  type ConversationDetail,
  type TeamMember,
} from './conversation-data.js';
import { EscalationPanel } from './escalation-panel.js';
import { FollowUpsPanel, HistoryPanel } from './follow-ups-panel.js';
import { GoodwillPanel } from './goodwill-panel.js';
import { NextActionPanel, PlaybookPanel, StopScriptPanel } from './guidance-panels.js';
import { MessageList } from './message-list.js';
import { TemperatureChart } from './temperature-chart.js';
import './conversation.css';

/** Events about a conversation that change what this page shows. */
const LIVE_PREFIXES = [
  'message.',
  'conversation.',
  'escalation.',
  'goodwill.',
  'follow_up.',
  // A reply's way to the customer's channel: queued, sent, failed (an agent sees it at once).
  'delivery.',
];
/** Events often come in a burst (a reply, its follow-ups, the new temperature): read once. */
const LIVE_COALESCE_MS = 120;

function mergeById<T extends { id: string }>(list: T[], added: T[]): T[] {
  const out = list.filter((x) => !added.some((a) => a.id === x.id));
  return [...out, ...added];
}

/** What a supervisor reads when the engine has no hand-off written (no recommendation yet). */
function fallbackSummary(d: ConversationDetail): string {
  const c = d.conversation;
  const name = d.contact?.name ?? 'The customer';
  const last = [...d.messages].reverse().find((m) => m.direction === 'incoming');
  const level = d.analysis.current === undefined ? '' : ` (${d.analysis.current.level})`;
  const quote =
    last === undefined
      ? ''
      : ` Latest from the customer: “${last.text.length > 300 ? `${last.text.slice(0, 300)}…` : last.text}”`;
  return `${name} (${c.channel}), temperature ${c.temperature}${level}, peak ${c.peakTemperature}: ${c.subject ?? 'no subject'}. ${d.messages.length} messages so far.${quote}`;
}

/**
 * One conversation, for an agent facing an upset customer: the messages with the signs of
 * upset marked, the reply box with its coach, and beside them what to do next, the playbook,
 * escalation, goodwill and the promises on the clock. Re-reads itself on live events.
 */
export function ConversationPage({ id }: { id: string }) {
  const [data, setData] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const draft = useSignal('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const d = await fetchConversation(id);
      if (ticket !== latest.current) return;
      setData(d);
      setError(null);
    } catch (err) {
      if (ticket !== latest.current) return;
      setError(err instanceof ApiError ? err.message : 'The conversation could not be loaded.');
    }
  }, [id]);

  useEffect(() => {
    setData(null);
    setError(null);
    draft.value = '';
    void load();
    void fetchTeam().then(setTeam);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onLive((event) => {
      if (event.conversationId !== id) return;
      if (!LIVE_PREFIXES.some((p) => event.type.startsWith(p))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), LIVE_COALESCE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [id, load, draft]);

  const name = data?.contact?.name ?? data?.contact?.email ?? 'Customer';
  useEffect(() => {
    if (data !== null)
      document.title = `${name}: ${data.conversation.subject ?? 'conversation'} · Calmdesk`;
    return () => {
      document.title = 'Calmdesk';
    };
  }, [data, name]);

  /** Puts a phrasing into the draft (after what is there) and selects the first [blank]. */
  const putInDraft = useCallback(
    (text: string) => {
      const before = draft.value.trimEnd();
      const next = before.length === 0 ? text : `${before}\n\n${text}`;
      draft.value = next;
      requestAnimationFrame(() => {
        const el = textarea.current;
        if (el === null) return;
        el.focus();
        el.scrollIntoView({ block: 'nearest' });
        const blank = /\[[^\]]+\]/.exec(next.slice(next.length - text.length));
        if (blank !== null) {
          const start = next.length - text.length + blank.index;
          el.setSelectionRange(start, start + blank[0].length);
        } else {
          el.setSelectionRange(next.length, next.length);
        }
      });
    },
    [draft],
  );

  const onSent = useCallback(
    (message: Message, followUps: FollowUp[]) => {
      setData((d) =>
        d === null
          ? d
          : {
              ...d,
              messages: mergeById(d.messages, [message]),
              followUps: mergeById(d.followUps, followUps),
            },
      );
      void load();
    },
    [load],
  );

  if (error !== null && data === null)
    return (
      <div class="conv-missing">
        <h1>Conversation not available</h1>
        <p class="error" role="alert">
          {error}
        </p>
        <p>
          <a href={href('inbox')}>Back to the inbox</a>
        </p>
      </div>
    );
  if (data === null) return <p class="boot">Loading the conversation…</p>;

  const { conversation, analysis } = data;
  return (
    <div class="conv">
      <ConversationHeader
        conversation={conversation}
        contact={data.contact}
        team={team}
        onChanged={(c) => {
          setData((d) =>
            d === null ? d : { ...d, conversation: { ...c, trend: d.conversation.trend } },
          );
          void load();
        }}
      />
      {error !== null && (
        <p class="error" role="alert">
          Could not refresh: {error}
        </p>
      )}
      <div class="conv-grid">
        <div class="conv-main">
          <section class="panel conv-messages" aria-labelledby="messages-heading">
            <h2 id="messages-heading">
              Messages <span class="muted">({data.messages.length})</span>
            </h2>
            <p class="hint">Marked words are signs of upset: hover or focus one to see why.</p>
            <div class="msgs-scroll" tabIndex={0} role="region" aria-label="Message history">
              <MessageList
                messages={data.messages}
                customerName={name}
                onRetried={() => void load()}
              />
            </div>
            <PendingChanges deliveries={data.deliveries ?? []} onRetried={() => void load()} />
          </section>
          <section class="panel conv-compose" aria-labelledby="compose-heading">
            <h2 id="compose-heading">Write back</h2>
            <Composer
              conversationId={conversation.id}
              messages={data.messages}
              draft={draft}
              textarea={textarea}
              onSent={onSent}
            />
          </section>
        </div>
        <div class="conv-side">
          <NextActionPanel action={analysis.nextAction} onUse={putInDraft} />
          <StopScriptPanel
            conversationId={conversation.id}
            stop={analysis.stop}
            onUse={putInDraft}
            onRecorded={() => void load()}
          />
          <section class="panel" aria-labelledby="temperature-heading">
            <h2 id="temperature-heading">Temperature</h2>
            <TemperatureChart points={analysis.temperatures} />
          </section>
          <EscalationPanel
            conversationId={conversation.id}
            recommendation={analysis.escalation}
            escalations={data.escalations}
            fallbackSummary={fallbackSummary(data)}
            onEscalated={(e) => {
              setData((d) =>
                d === null ? d : { ...d, escalations: mergeById(d.escalations, [e]) },
              );
              void load();
            }}
          />
          <FollowUpsPanel followUps={data.followUps} expected={analysis.followUps} />
          <GoodwillPanel
            conversationId={conversation.id}
            offers={data.goodwillOffers}
            team={team}
            refresh={data.messages.length}
            onProposed={(o) => {
              setData((d) =>
                d === null ? d : { ...d, goodwillOffers: mergeById(d.goodwillOffers, [o]) },
              );
              void load();
            }}
          />
          <PlaybookPanel steps={analysis.playbook} />
          <HistoryPanel history={data.history} />
        </div>
      </div>
    </div>
  );
}
