import { signal } from '@preact/signals';

/** The page shown, from the address's hash: #/inbox, #/conversations/ID, #/follow-ups ... */
export const route = signal(readRoute());

function readRoute(): string[] {
  const hash = location.hash.replace(/^#\/?/, '');
  const parts = hash
    .split('/')
    .filter((p) => p.length > 0)
    .map(decodeURIComponent);
  return parts.length === 0 ? ['inbox'] : parts;
}

addEventListener('hashchange', () => {
  route.value = readRoute();
});
