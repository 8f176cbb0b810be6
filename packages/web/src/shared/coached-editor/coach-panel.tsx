import type { CoachFinding, CoachStep } from '@calmdesk/core';
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
        <strong>{ruleWord(finding.rule)}:</strong> <q class="finding-text">{finding.text}</q> —{' '}
        {finding.why}
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

/**
 * The coach's reading of the draft: its score, what to change (each finding with a one-click
 * rewrite when there is one) and the steps of a good reply still missing.
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
