/** Follow-up kinds: the practice's own, and the kinds of promise core reads in a reply. */
const FOLLOW_UP_KINDS: Record<string, string> = {
  promise: 'Promise',
  next_step: 'Next step',
  check_back: 'Check back',
  callback: 'Call back',
  email: 'Email',
  reply: 'Reply',
  refund: 'Refund',
  replacement: 'Replacement',
  delivery: 'Delivery',
  fix: 'Fix',
  escalate: 'Escalate',
  other: 'Promise',
};

/** A follow-up's kind as a person reads it: "Call back"; an unknown one capitalised. */
export function followUpKind(kind: string): string {
  return FOLLOW_UP_KINDS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/_/g, ' ');
}
