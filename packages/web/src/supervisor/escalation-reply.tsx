import { useSignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { CoachedEditor, type SendOutcome } from '../shared/coached-editor/coached-editor.js';
import { errorText, replyToCustomer, useConversationMessages } from './supervisor-data.js';

/**
 * The supervisor's reply to the customer, from the queue: the coached editor, coaching against
 * the conversation it answers. The conversation is read when the reply box is first entered,
 * not for every item in the queue.
 */
export function EscalationReply({
  id,
  conversationId,
  disabled,
  onBusy,
}: {
  id: string;
  conversationId: string;
  /** Set while the escalation's other buttons are at work. */
  disabled: boolean;
  /** Told when sending starts and ends, so the escalation's other buttons wait. */
  onBusy: (busy: boolean) => void;
}) {
  const draft = useSignal('');
  const [entered, setEntered] = useState(false);
  const messages = useConversationMessages(conversationId, entered);

  const send = async (text: string): Promise<SendOutcome> => {
    onBusy(true);
    try {
      await replyToCustomer(conversationId, text);
      return { sent: true, status: 'Reply sent to the customer.' };
    } catch (err) {
      return { sent: false, error: errorText(err) };
    } finally {
      onBusy(false);
    }
  };

  return (
    <div class="sv-reply" onFocusIn={() => setEntered(true)}>
      <CoachedEditor
        id={id}
        label="Reply to customer"
        messages={messages}
        draft={draft}
        sendLabel="Send"
        emptyError="Write the reply first."
        onSend={send}
        disabled={disabled}
      />
    </div>
  );
}
