import type { Signal as StateSignal } from '@preact/signals';
import type { CoachFinding } from '@calmdesk/core';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { splitByMarks } from '../highlight-signals.js';
import { fetchPolicy } from '../policy.js';
import type { Message } from '../types.js';
import {
  applyRewrite,
  coachDraft,
  loadCoach,
  toCoachMessages,
  type CoachedDraft,
  type CoachReply,
} from './coach-draft.js';
import { CoachPanel } from './coach-panel.js';
import { MIRRORING_RULES, ruleWord } from './coach-words.js';
import './coached-editor.css';

const COACH_DELAY_MS = 150;

/** What became of a send: the words to announce, or the error to show (the draft is kept). */
export type SendOutcome = { sent: true; status: string } | { sent: false; error: string };

/** A way to send the draft: its button, and what to say when the draft is empty. */
export interface SendAction {
  /** The button's words. */
  label: string;
  /** Shown when the button is pressed on an empty draft, e.g. "Write a reply first." */
  emptyError: string;
  /** Sends the draft, trimmed. The editor clears the draft when it is sent. */
  onSend: (text: string) => Promise<SendOutcome>;
}

export interface CoachedEditorProps {
  /** The textarea's id; the editor's other ids start with it, so a page may hold several. */
  id: string;
  /** The textarea's label, e.g. "Reply". */
  label: string;
  /** The Send button's words, e.g. "Send reply". */
  sendLabel: string;
  /** Shown when Send is pressed on an empty draft, e.g. "Write a reply first." */
  emptyError: string;
  /** Sends the draft, trimmed. The editor clears the draft when it is sent. */
  onSend: (text: string) => Promise<SendOutcome>;
  /** The conversation the draft answers: the coach reads the customer's mood in it. */
  messages: readonly Message[];
  /** The draft, owned by the caller so other parts of the page can put words in it. */
  draft: StateSignal<string>;
  textarea?: RefObject<HTMLTextAreaElement | null>;
  /** Another way to send that skips the second look, e.g. an internal note. */
  alternative?: SendAction;
  /** Set while something else on the page is busy: the buttons wait. */
  disabled?: boolean;
  class?: string;
}

/** Grows the textarea with its text, so it never scrolls apart from the highlight layer. */
function fitHeight(el: HTMLTextAreaElement | null) {
  if (el === null) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + 2}px`;
}

/** The draft again, behind the textarea, with the coach's findings underlined. */
function DraftHighlights({ coached, draft }: { coached: CoachedDraft | null; draft: string }) {
  // A finding about the reply as a whole (it answers nothing they asked) underlines no words:
  // the panel names it, and underlining everything would hide the findings on words.
  const findings =
    coached !== null && coached.draft === draft
      ? coached.findings.filter((f) => !(f.start === 0 && f.end >= draft.trimEnd().length))
      : [];
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

/** The Send button's second look: the draft mirrors the customer's anger. */
function SecondLook({
  id,
  findings,
  onSend,
  onEdit,
}: {
  id: string;
  findings: CoachFinding[];
  onSend: () => void;
  onEdit: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class="second-look" role="group" aria-labelledby={id}>
      <h3 id={id} tabIndex={-1} ref={heading}>
        Take a second look before sending
      </h3>
      <p>Your reply mirrors the customer's anger, which usually makes it worse:</p>
      <ul>
        {findings.map((f, i) => (
          <li key={i}>
            {ruleWord(f.rule)}: <q>{f.text}</q>
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
 * A reply box with the coach. The coach reads the draft in the browser as it is typed (core's
 * coachReply against the conversation, debounced), underlines what to change and offers
 * one-click rewrites. Sending is never blocked; a draft that shouts, bursts into "!!!" or swears
 * first asks for a second look. What sending does is the caller's: the editor knows no API.
 *
 * @example
 * <CoachedEditor id="reply" label="Reply" messages={messages} draft={draft}
 *   sendLabel="Send" emptyError="Write a reply first." onSend={(text) => sendReply(text)} />
 */
export function CoachedEditor(props: CoachedEditorProps) {
  const { id, draft, messages, alternative, disabled = false } = props;
  const main: SendAction = {
    label: props.sendLabel,
    emptyError: props.emptyError,
    onSend: props.onSend,
  };
  const own = useRef<HTMLTextAreaElement>(null);
  const textarea = props.textarea ?? own;
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

  const send = async (action: SendAction) => {
    setBusy(true);
    setError(null);
    setSecondLook(null);
    try {
      const outcome = await action.onSend(draft.value.trim());
      if (!outcome.sent) {
        setError(outcome.error);
        return;
      }
      setStatus(outcome.status);
      draft.value = '';
      setCoached(null);
      textarea.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  /** False, with the action's reason shown, when the draft is empty. */
  const written = (action: SendAction) => {
    if (draft.value.trim().length > 0) return true;
    setError(action.emptyError);
    textarea.current?.focus();
    return false;
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (!written(main)) return;
    // Before the coach has loaded there is nothing to check against: sending is never blocked.
    if (coach === null) {
      void send(main);
      return;
    }
    const fresh = coachDraft(coach, draft.value, conversation, upset);
    setCoached(fresh);
    const mirroring = fresh.findings.filter((f) => MIRRORING_RULES.has(f.rule));
    if (mirroring.length > 0) {
      setSecondLook(mirroring);
      return;
    }
    void send(main);
  };

  const hint = `${id}-hint`;
  return (
    <form class={`coached-editor ${props.class ?? ''}`.trim()} onSubmit={submit} aria-busy={busy}>
      <label for={id} class="coached-editor-label">
        {props.label}
      </label>
      <div class="draft">
        <DraftHighlights coached={coached} draft={text} />
        <textarea
          id={id}
          ref={textarea}
          rows={4}
          value={text}
          spellcheck
          aria-describedby={hint}
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
      <p id={hint} class="hint">
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
          id={`${id}-second-look`}
          findings={secondLook}
          onSend={() => void send(main)}
          onEdit={() => {
            setSecondLook(null);
            textarea.current?.focus();
          }}
        />
      ) : (
        <div class="actions">
          <button type="submit" disabled={busy || disabled}>
            {busy ? 'Sending…' : main.label}
          </button>
          {alternative !== undefined && (
            <button
              type="button"
              class="secondary"
              disabled={busy || disabled}
              onClick={() => {
                if (written(alternative)) void send(alternative);
              }}
            >
              {alternative.label}
            </button>
          )}
        </div>
      )}
      <p class="coached-editor-status" role="status">
        {status}
      </p>
      <CoachPanel idPrefix={id} coached={coached} draft={text} onApply={apply} />
    </form>
  );
}
