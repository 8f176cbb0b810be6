import type { Signal as StateSignal } from '@preact/signals';
import type { RefObject } from 'preact';
import { ApiError } from '../api/client.js';
import { CoachedEditor, type SendOutcome } from '../shared/coached-editor/coached-editor.js';
import { clockTime, relativeTime } from '../shared/format.js';
import type { FollowUp, Message } from '../shared/types.js';
import { addNote, sendReply } from './conversation-data.js';

function failure(err: unknown): SendOutcome {
  return {
    sent: false,
    error: err instanceof ApiError ? err.message : 'The reply could not be sent.',
  };
}

/**
 * The agent's reply box: the coached editor, sending a reply (whose promises go on the clock)
 * or an internal note to this conversation.
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
  const reply = async (text: string): Promise<SendOutcome> => {
    try {
      const { message, followUps } = await sendReply(conversationId, text);
      onSent(message, followUps);
      return {
        sent: true,
        status:
          followUps.length === 0
            ? 'Reply sent.'
            : `Reply sent. Now on the clock: ${followUps
                .map((f) => `“${f.text}”, due ${clockTime(f.dueAt)} (${relativeTime(f.dueAt)})`)
                .join('; ')}.`,
      };
    } catch (err) {
      return failure(err);
    }
  };

  const note = async (text: string): Promise<SendOutcome> => {
    try {
      const { message } = await addNote(conversationId, text);
      onSent(message, []);
      return { sent: true, status: 'Internal note added.' };
    } catch (err) {
      return failure(err);
    }
  };

  return (
    <CoachedEditor
      id="reply-draft"
      label="Reply"
      messages={messages}
      draft={draft}
      textarea={textarea}
      sendLabel="Send reply"
      emptyError="Write a reply first."
      onSend={reply}
      alternative={{
        label: 'Add as internal note',
        emptyError: 'Write the note first.',
        onSend: note,
      }}
    />
  );
}
