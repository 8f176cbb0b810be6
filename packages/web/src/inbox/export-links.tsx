import { me } from '../api/client.js';

/** The lists the server exports (GET /api/v1/exports/{list}). */
export type ExportList = 'conversations' | 'follow-ups' | 'escalations' | 'goodwill';

/**
 * Download links for a whole list as CSV or JSON lines, for supervisors and admins: the server
 * refuses an agent, so an agent is not shown links that would fail. A plain link carries the
 * session cookie, and the browser saves the streamed file as it arrives.
 */
export function ExportLinks({ list, what }: { list: ExportList; what: string }) {
  const role = me.value?.role;
  if (role !== 'supervisor' && role !== 'admin') return null;
  const url = (format: 'csv' | 'jsonl') => `/api/v1/exports/${list}?format=${format}`;
  return (
    <p class="export-links">
      Download {what}:{' '}
      <a href={url('csv')} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={url('jsonl')} download>
        JSON lines
      </a>
    </p>
  );
}
