import type { Signal as StateSignal } from '@preact/signals';
import type { CoachFinding, CoachStep } from '@calmdesk/core';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { clockTime, relativeTime } from '../shared/format.js';
import type { FollowUp, Message } from '../shared/types.js';
import {
  applyRewrite,
  coachDraft,
  loadCoach,
  toCoachMessages,
  type CoachedDraft,
  type CoachReply,
} from './coach-draft.js';
import { addNote, fetchPolicy, sendReply } from './conversation-data.js';
import { splitByMarks } from '../shared/highlight-signals.js';
import { COACH_RULE_WORDS, COACH_STEP_WORDS, MIRRORING_RULES, scoreWord } from './words.js';

const COACH_DELAY_MS = 150;
const STEPS: CoachStep[] = ['acknowledgement', 'apology', 'reflection', 'ownership', 'next_step'];

/** Grows the textarea with its text, so it never scrolls apart from the highlight layer. */
function fitHeight(el: HTMLTextAreaElement | null) {
  if (el === null) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + 2}px`;
}

/** The draft again, behind the textarea, with the coach's findings underlined. */
function DraftHighlights({ coached, draft }: { coached: CoachedDraft | null; draft: string }) {
  const findings = coached !== null && coached.draft === draft ? coached.findings : [];
  const pieces = splitByMarks(
    draft,
    findings.map((f) => ({ start: f.start, end: f.end, kind: f.severity, explanation: f.why })),
  );
  return (
    <div class="draft-layer" aria-hidden="true">
      {pieces.map((p, i) =>
        p.marks === undefined ? (
          p.text
        ) : (
          <mark key={i} class={`flag flag-${p.marks[0]?.kind ?? 'warning'}`}>
            {p.text}
          </mark>
        ),
      )}
      {/* a trailing newline in a textarea takes a line; the layer must take it too */}
      {'\n\u200b'}
    </div>
  );
}

/**
 * What a rewrite puts in the draft, as a person reads it: a rewrite may reach past the flagged
 * words (to fix the case of the next one), so one that only leaves the words out says so.
 */
function rewriteWords(finding: CoachFinding, draft: string): string | null {
  const r = finding.rewrite;
  if (r === undefined) return null;
  const replaced = draft.slice(r.start, r.end);
  const at = replaced.toLowerCase().indexOf(finding.text.toLowerCase());
  const rest = at < 0 ? null : replaced.slice(0, at) + replaced.slice(at + finding.text.length);
  const plain = (t: string) =>
    t
      .replace(/^[\s,;:]+|\s+$/g, '')
      .replace(/\s+/g, ' ')
      .toLowerCase();
  if (r.replacement.trim() === '' || (rest !== null && plain(rest) === plain(r.replacement)))
    return '';
  return r.replacement;
}

function FindingItem({
  finding,
  draft,
  index,
  onApply,
}: {
  finding: CoachFinding;
  draft: string;
  index: number;
  onApply: (f: CoachFinding) => void;
}) {
  const id = `finding-${index}`;
  const instead = rewriteWords(finding, draft);
  return (
    <li class={`finding finding-${finding.severity}`}>
      <p id={id}>
        <span class="finding-severity">{finding.severity}</span>{' '}
        <strong>{COACH_RULE_WORDS[finding.rule] ?? finding.rule}:</strong>{' '}
        <q class="finding-text">{finding.text}</q> — {finding.why}
        {instead !== null && (
          <>
            {' '}
            <span class="finding-rewrite">
              {instead === '' ? (
                'Instead: leave it out.'
              ) : (
                <>
                  Instead: <q>{instead}</q>
                </>
              )}
            </span>
          </>
        )}
      </p>
      {finding.rewrite !== undefined && (
        <button
          type="button"
          class="secondary small"
          aria-describedby={id}
          onClick={() => onApply(finding)}
        >
          Apply rewrite
        </button>
      )}
    </li>
  );
}

function Coach({
  coached,
  draft,
  onApply,
}: {
  coached: CoachedDraft | null;
  draft: string;
  onApply: (f: CoachFinding) => void;
}) {
  const empty = draft.trim().length === 0;
  const missing = new Map((coached?.missing ?? []).map((m) => [m.step, m.why]));
  return (
    <section class="coach" aria-labelledby="coach-heading">
      <h3 id="coach-heading">Coach</h3>
      {empty || coached === null ? (
        <p class="muted">Start writing: the coach reads your draft as you type.</p>
      ) : (
        <>
          <p class="coach-score">
            <span>
              Score <strong>{coached.score}</strong> of 100:{' '}
              <strong>{scoreWord(coached.score)}</strong>
            </span>
            <meter
              min={0}
              max={100}
              low={40}
              high={85}
              optimum={100}
              value={coached.score}
              aria-hidden="true"
            />
          </p>
          {coached.findings.length === 0 ? (
            <p class="coach-clean">✓ Nothing in the wording will make things worse.</p>
          ) : (
            <ul class="findings" aria-label="What to change">
              {coached.findings.map((f, i) => (
                <FindingItem
                  key={`${f.rule}-${f.start}-${i}`}
                  finding={f}
                  draft={coached.draft}
                  index={i}
                  onApply={onApply}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {!empty && coached !== null && (
        <>
          <h4>Before you send</h4>
          <ul class="steps">
            {STEPS.map((step) => {
              const why = missing.get(step);
              return (
                <li key={step} class={why === undefined ? 'step-ok' : 'step-missing'}>
                  <span class="step-icon" aria-hidden="true">
                    {why === undefined ? '✓' : '✗'}
                  </span>{' '}
                  <strong>{COACH_STEP_WORDS[step]}</strong>:{' '}
                  {why === undefined ? 'in the draft or not needed' : <>still missing. {why}</>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** The Send button's second look: the draft mirrors the customer's anger. */
function SecondLook({
  findings,
  onSend,
  onEdit,
}: {
  findings: CoachFinding[];
  onSend: () => void;
  onEdit: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class="second-look" role="group" aria-labelledby="second-look-heading">
      <h3 id="second-look-heading" tabIndex={-1} ref={heading}>
        Take a second look before sending
      </h3>
      <p>Your reply mirrors the customer's anger, which usually makes it worse:</p>
      <ul>
        {findings.map((f, i) => (
          <li key={i}>
            {COACH_RULE_WORDS[f.rule] ?? f.rule}: <q>{f.text}</q>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={onEdit}>
          Edit the draft
        </button>
        <button type="button" class="secondary" onClick={onSend}>
          Send anyway
        </button>
      </div>
    </div>
  );
}

/**
 * The reply box. The coach reads the draft in the browser as the agent types (core's
 * coachReply, debounced), underlines what to change and offers one-click rewrites. Sending is
 * never blocked; a draft that shouts, bursts into "!!!" or swears first asks for a second look.
 */
export function Composer({
  conversationId,
  messages,
  draft,
  textarea,
  onSent,
}: {
  conversationId: string;
  messages: Message[];
  draft: StateSignal<string>;
  textarea: RefObject<HTMLTextAreaElement | null>;
  onSent: (message: Message, followUps: FollowUp[]) => void;
}) {
  const text = draft.value;
  const [upset, setUpset] = useState<number | undefined>(undefined);
  const [coach, setCoach] = useState<CoachReply | null>(null);
  const [coached, setCoached] = useState<CoachedDraft | null>(null);
  const [secondLook, setSecondLook] = useState<CoachFinding[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const conversation = useMemo(() => toCoachMessages(messages), [messages]);

  useEffect(() => {
    void fetchPolicy().then((p) => setUpset(p.upsetTemperature));
    loadCoach().then(
      (fn) => setCoach(() => fn),
      () => setStatus('The coach could not be loaded: check the connection and reload.'),
    );
  }, []);

  useEffect(() => {
    if (text.trim().length === 0 || coach === null) {
      setCoached(null);
      return;
    }
    const timer = setTimeout(
      () => setCoached(coachDraft(coach, text, conversation, upset)),
      COACH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [coach, text, conversation, upset]);

  useLayoutEffect(() => fitHeight(textarea.current), [text, textarea]);

  const focusAt = (caret: number) => {
    const el = textarea.current;
    if (el === null) return;
    el.focus();
    el.setSelectionRange(caret, caret);
  };

  const apply = (finding: CoachFinding) => {
    if (coach === null) return;
    const fresh = coachDraft(coach, draft.value, conversation, upset);
    const next = applyRewrite(finding, fresh);
    if (next === null) {
      setStatus(`“${finding.text}” is no longer in the draft.`);
      return;
    }
    draft.value = next.draft;
    setCoached(coachDraft(coach, next.draft, conversation, upset));
    setStatus(`Rewrote “${finding.text}”.`);
    requestAnimationFrame(() => focusAt(next.caret));
  };

  const send = async (asNote: boolean) => {
    const body = draft.value.trim();
    setBusy(true);
    setError(null);
    setSecondLook(null);
    try {
      if (asNote) {
        const { message } = await addNote(conversationId, body);
        onSent(message, []);
        setStatus('Internal note added.');
      } else {
        const { message, followUps } = await sendReply(conversationId, body);
        onSent(message, followUps);
        setStatus(
          followUps.length === 0
            ? 'Reply sent.'
            : `Reply sent. Now on the clock: ${followUps
                .map((f) => `“${f.text}”, due ${clockTime(f.dueAt)} (${relativeTime(f.dueAt)})`)
                .join('; ')}.`,
        );
      }
      draft.value = '';
      setCoached(null);
      textarea.current?.focus();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The reply could not be sent.');
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (draft.value.trim().length === 0) {
      setError('Write a reply first.');
      textarea.current?.focus();
      return;
    }
    // Before the coach has loaded there is nothing to check against: sending is never blocked.
    if (coach === null) {
      void send(false);
      return;
    }
    const fresh = coachDraft(coach, draft.value, conversation, upset);
    setCoached(fresh);
    const mirroring = fresh.findings.filter((f) => MIRRORING_RULES.has(f.rule));
    if (mirroring.length > 0) {
      setSecondLook(mirroring);
      return;
    }
    void send(false);
  };

  const addAsNote = () => {
    if (draft.value.trim().length === 0) {
      setError('Write the note first.');
      textarea.current?.focus();
      return;
    }
    void send(true);
  };

  return (
    <form class="composer" onSubmit={submit} aria-busy={busy}>
      <label for="reply-draft" class="composer-label">
        Reply
      </label>
      <div class="draft">
        <DraftHighlights coached={coached} draft={text} />
        <textarea
          id="reply-draft"
          ref={textarea}
          rows={4}
          value={text}
          spellcheck
          aria-describedby="composer-hint"
          onInput={(e) => {
            draft.value = e.currentTarget.value;
            setSecondLook(null);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
      </div>
      <p id="composer-hint" class="hint">
        The coach checks the draft as you type; underlined words are explained below. Ctrl+Enter
        sends.
      </p>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {secondLook !== null ? (
        <SecondLook
          findings={secondLook}
          onSend={() => void send(false)}
          onEdit={() => {
            setSecondLook(null);
            textarea.current?.focus();
          }}
        />
      ) : (
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send reply'}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={addAsNote}>
            Add as internal note
          </button>
        </div>
      )}
      <p class="composer-status" role="status">
        {status}
      </p>
      <Coach coached={coached} draft={text} onApply={apply} />
    </form>
  );
}
