import type { CoachFinding, CoachStep, DoneStep } from '@calmdesk/core';
import type { CoachedDraft } from './coach-draft.js';
import { COACH_STEP_WORDS, ruleWord, scoreWord } from './coach-words.js';

const STEPS: CoachStep[] = ['acknowledgement', 'apology', 'reflection', 'ownership', 'next_step'];

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

/** How the customer's words a finding refers to are introduced: a fact they gave, or their question. */
function customerLabel(finding: CoachFinding): string {
  return finding.rule === 'asks-again' ? 'They already told you' : 'Their question';
}

/** A finding about the whole reply (it answers nothing they asked) names it, not every word of it. */
function isWholeDraft(finding: CoachFinding, draft: string): boolean {
  return finding.start === 0 && finding.end >= draft.trimEnd().length && draft.length > 0;
}

function FindingItem({
  finding,
  draft,
  id,
  onApply,
}: {
  finding: CoachFinding;
  draft: string;
  id: string;
  onApply: (f: CoachFinding) => void;
}) {
  const instead = rewriteWords(finding, draft);
  return (
    <li class={`finding finding-${finding.severity}`}>
      <p id={id}>
        <span class="finding-severity">{finding.severity}</span>{' '}
        <strong>{ruleWord(finding.rule)}:</strong>{' '}
        {isWholeDraft(finding, draft) ? (
          <span class="finding-text">the reply as a whole</span>
        ) : (
          <q class="finding-text">{finding.text}</q>
        )}{' '}
        — {finding.why}
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
      {finding.customer !== undefined && (
        <p class="finding-customer">
          {customerLabel(finding)}:{' '}
          <mark class="customer-words">
            <q>{finding.customer.text}</q>
          </mark>
        </p>
      )}
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

/**
 * The coach's reading of the draft: its score, what to change (each finding with a one-click
 * rewrite when there is one, and the customer's words it is about: the question the draft leaves
 * open, the fact it asks for again), the steps of a good reply still missing and those done well.
 */
export function CoachPanel({
  idPrefix,
  coached,
  draft,
  onApply,
}: {
  /** Makes the panel's ids unique: a page may hold several coached editors. */
  idPrefix: string;
  coached: CoachedDraft | null;
  draft: string;
  onApply: (f: CoachFinding) => void;
}) {
  const empty = draft.trim().length === 0;
  const missing = new Map((coached?.missing ?? []).map((m) => [m.step, m.why]));
  // What was done well: the draft's own step first, else an earlier reply's.
  const done = new Map<CoachStep, DoneStep>();
  for (const d of coached?.done ?? []) {
    if (!done.has(d.step) || d.where === 'draft') done.set(d.step, d);
  }
  const heading = `${idPrefix}-coach-heading`;
  return (
    <section class="coach" aria-labelledby={heading}>
      <h3 id={heading}>Coach</h3>
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
                  id={`${idPrefix}-finding-${i}`}
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
              const took = done.get(step);
              const state = why !== undefined ? 'missing' : took !== undefined ? 'done' : 'idle';
              return (
                <li
                  key={step}
                  class={
                    state === 'missing'
                      ? 'step-missing'
                      : state === 'done'
                        ? 'step-ok step-done'
                        : 'step-ok'
                  }
                >
                  <span class="step-icon" aria-hidden="true">
                    {state === 'missing' ? '✗' : state === 'done' ? '✓' : '–'}
                  </span>{' '}
                  <strong>{COACH_STEP_WORDS[step]}</strong>:{' '}
                  {state === 'missing' ? (
                    <>still missing. {why}</>
                  ) : took !== undefined ? (
                    <>done well. {took.why}</>
                  ) : (
                    'not needed here'
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
