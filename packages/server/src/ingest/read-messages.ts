import { analyzeMessage, commitmentReader, type Commitment } from '@calmdesk/core';
import type { MessageDirection } from '../contract/index.js';

/** A message to read: what `MessagePipeline.analyse` takes. */
export interface MessageToRead {
  direction: MessageDirection;
  text: string;
  sentAt: string;
}

/** What reading a message gives: what `MessagePipeline.analyse` returns. */
export interface MessageReading {
  temperature: number | null;
  /** The analysis as stored, JSON. */
  analysis: string;
  commitments: Commitment[];
}

/**
 * Reads messages exactly as `MessagePipeline.analyse` does (a test holds the two equal), without
 * the rest of the pipeline, so a worker thread can run it on nothing but core: the customer's
 * for upset, the agent's for promises.
 */
export function messageReader(timeZone: string): (message: MessageToRead) => MessageReading {
  const readCommitments = commitmentReader({ timeZone });
  return ({ direction, text, sentAt }) => {
    if (direction === 'incoming') {
      const a = analyzeMessage(text);
      return {
        temperature: a.temperature,
        analysis: JSON.stringify({ kind: 'customer', ...a }),
        commitments: [],
      };
    }
    if (direction === 'outgoing') {
      const commitments = readCommitments(text, sentAt);
      return {
        temperature: null,
        analysis: JSON.stringify({ kind: 'agent', commitments }),
        commitments,
      };
    }
    return { temperature: null, analysis: JSON.stringify({ kind: 'note' }), commitments: [] };
  };
}
