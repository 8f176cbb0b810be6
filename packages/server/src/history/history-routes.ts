import { z } from 'zod';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';
import { EXPORT_COLUMNS, exportList, type ExportList } from './export-lists.js';
import { EXPORT_FORMATS, formatRows } from './export-format.js';

const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl') }).strict();

const TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/**
 * The lists a manager takes out of Calmdesk, as CSV or JSON lines, streamed (the same rows as
 * `calmdesk export`). Supervisors and admins only: an export is every conversation at once.
 */
export function historyRoutes(deps: RouteDeps): RouteSpec[] {
  const exportRoute = (list: ExportList, what: string) =>
    route({
      method: 'get',
      path: `/api/v1/exports/${list}`,
      summary: `Download ${what} as CSV or JSON lines (?format=csv|jsonl)`,
      tag: 'exports',
      access: 'supervisor',
      query: ExportQuery,
      handle: ({ query }) => {
        const chunks = formatRows(
          exportList(deps.services.history.store, list),
          EXPORT_COLUMNS[list],
          query.format,
        );
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await chunks.next();
            if (next.done === true) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          },
          async cancel() {
            await chunks.return(undefined);
          },
        });
        return Promise.resolve(
          new Response(body, {
            headers: {
              'content-type': TYPES[query.format],
              'content-disposition': `attachment; filename="calmdesk-${list}.${query.format}"`,
              'cache-control': 'no-store',
            },
          }),
        );
      },
    });
  return [
    exportRoute(
      'conversations',
      'every conversation with its problem, temperature peak and outcome',
    ),
    exportRoute('follow-ups', 'every follow-up (promise) with its status'),
    exportRoute('escalations', 'every escalation'),
    exportRoute('goodwill', 'every goodwill offer'),
  ];
}
