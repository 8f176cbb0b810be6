/*
 * Moved to shared/follow-up-kind.ts. This re-export only keeps conversation/words.ts (edited in
 * another change) compiling until it imports from shared/; delete it then.
 */
export { followUpKind } from '../shared/follow-up-kind.js';
