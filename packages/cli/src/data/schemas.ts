import { z } from 'zod';

/** A message of a conversation as the CLI reads it: `{"role", "text", "at", "id"?}`. */
export const CONVERSATION_MESSAGE = z.object({
  role: z.enum(['customer', 'agent', 'note']),
  text: z.string(),
  at: z.string(),
  id: z.string().optional(),
});
