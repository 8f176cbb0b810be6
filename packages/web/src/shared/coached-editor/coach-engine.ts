/*
 * The reply coach's entry into core, loaded on demand (coach-draft.ts): importing only
 * coachReply here lets the bundler put core's model in a chunk of its own.
 */
export { coachReply } from '@calmdesk/core';
