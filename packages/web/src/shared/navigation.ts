/*
 * Links between pages. The address's hash names the page (#/inbox, #/conversations/ID,
 * #/follow-ups ...); the shell's router reads it, pages only make and follow links.
 */

/** The address of a page, for a link: href('conversations', id) -> "#/conversations/ID". */
export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** Goes to a page, as following a link would. */
export function go(...parts: string[]): void {
  location.hash = href(...parts);
}
