import { useEffect, useRef } from 'preact/hooks';
import { clockTime } from '../shared/format.js';
import { TemperatureBadge } from '../shared/temperature.js';
import type { Message, Signal } from '../shared/types.js';
import { splitByMarks, type MarkSpan } from '../shared/highlight-signals.js';
import { AttachmentList } from './attachment-list.js';
import { DeliveryStatus } from './delivery-status.js';
import { signGroup, signWord } from './words.js';

/** The signs of upset of a customer message, the abuse signs included, each once. */
function signsOf(message: Message): MarkSpan[] {
  const all: Signal[] = [
    ...(message.analysis.signals ?? []),
    ...(message.analysis.abuse?.signals ?? []),
  ];
  const seen = new Set<string>();
  const out: MarkSpan[] = [];
  for (const s of all) {
    const key = `${s.kind}:${s.start}:${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ start: s.start, end: s.end, kind: s.kind, explanation: s.explanation });
  }
  return out;
}

/** "Shouting: Writing in capitals", or just the explanation when it already names the sign. */
function describeSign(m: { kind: string; explanation: string }): string {
  const word = signWord(m.kind);
  return m.explanation.toLowerCase().startsWith(word.toLowerCase())
    ? m.explanation
    : `${word}: ${m.explanation}`;
}

/**
 * A customer message with its signs of upset marked where they occur. The text is cut into
 * string slices rendered as text nodes: a message is never read as HTML.
 */
export function SignedText({ text, signs }: { text: string; signs: MarkSpan[] }) {
  return (
    <>
      {splitByMarks(text, signs).map((piece, i) => {
        if (piece.marks === undefined) return piece.text;
        const tip = piece.marks.map(describeSign).join('; ');
        const first = piece.marks[0]?.kind ?? 'sign';
        return (
          <mark
            key={i}
            class={`sign sign-${signGroup(first)} sign-${first}`}
            tabIndex={0}
            data-tip={tip}
          >
            {piece.text}
            <span class="visually-hidden"> (sign of upset: {tip})</span>
          </mark>
        );
      })}
    </>
  );
}

function MessageItem({
  message,
  customerName,
  number,
  onRetried,
}: {
  message: Message;
  customerName: string;
  number: number;
  onRetried: () => void;
}) {
  const time = (
    <time dateTime={message.sentAt} title={new Date(message.sentAt).toLocaleString()}>
      {clockTime(message.sentAt)}
    </time>
  );
  if (message.direction === 'incoming') {
    const temperature = message.temperature ?? message.analysis.temperature;
    const signs = signsOf(message);
    return (
      <li class="msg msg-customer">
        <p class="msg-meta">
          <span class="visually-hidden">Message {number}: </span>
          <strong>{customerName}</strong> {time}{' '}
          {temperature !== undefined && <TemperatureBadge value={temperature} />}
          {signs.length > 0 && (
            <span class="msg-signs">
              {signs.length} {signs.length === 1 ? 'sign' : 'signs'} of upset
            </span>
          )}
        </p>
        <p class="msg-text">
          <SignedText text={message.text} signs={signs} />
        </p>
        {message.attachments !== undefined && <AttachmentList attachments={message.attachments} />}
      </li>
    );
  }
  const note = message.direction === 'note';
  const author = message.authorName ?? 'Agent';
  const commitments = message.analysis.commitments ?? [];
  return (
    <li class={`msg ${note ? 'msg-note' : 'msg-agent'}`}>
      <p class="msg-meta">
        <span class="visually-hidden">Message {number}: </span>
        <strong>{author}</strong> {note && <span class="msg-kind">Internal note</span>} {time}
      </p>
      <p class="msg-text">{message.text}</p>
      {message.attachments !== undefined && <AttachmentList attachments={message.attachments} />}
      {commitments.length > 0 && (
        <ul class="msg-promises" aria-label="Promises in this reply">
          {commitments.map((c, i) => (
            <li key={i}>
              Promised “{c.text}”, due{' '}
              <time dateTime={c.due} title={new Date(c.due).toLocaleString()}>
                {clockTime(c.due)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {message.delivery != null && (
        <DeliveryStatus delivery={message.delivery} onRetried={onRetried} />
      )}
    </li>
  );
}

/** The conversation, oldest first, scrolled to the newest message when it arrives. */
export function MessageList({
  messages,
  customerName,
  onRetried = () => undefined,
}: {
  messages: Message[];
  customerName: string;
  /** A failed send was queued again: the page reads the conversation again. */
  onRetried?: () => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    const el = list.current?.parentElement;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  if (messages.length === 0) return <p class="muted">No messages yet.</p>;
  return (
    <ol class="msgs" ref={list}>
      {messages.map((m, i) => (
        <MessageItem
          key={m.id}
          message={m}
          customerName={customerName}
          number={i + 1}
          onRetried={onRetried}
        />
      ))}
    </ol>
  );
}
