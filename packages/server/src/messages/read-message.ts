import { analyzeMessage, commitmentReader, type Commitment } from '@calmdesk/core';
import type { MessageDirection } from '../contract/index.js';

/** A message to read. */
export interface MessageToRead {
  direction: MessageDirection;
  text: string;
  sentAt: string;
}

/** What reading a message gives. */
export interface MessageReading {
  temperature: number | null;
  /** The analysis as stored, JSON. */
  analysis: string;
  commitments: Commitment[];
}

/**
 * Reads a message the way its direction asks: the customer's for upset, the agent's for
 * promises. The one reader: `MessagePipeline.analyse` uses it, and so do the ingest's worker
 * threads, which load nothing but this and core.
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
