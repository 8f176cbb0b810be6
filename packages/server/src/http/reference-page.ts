import { html, raw } from 'hono/html';
import type { RouteSpec } from './route-spec.js';

const ACCESS_LABEL = {
  public: 'anyone',
  webhook: 'webhook sender',
  agent: 'agent+',
  supervisor: 'supervisor+',
  admin: 'admin',
} as const;

/**
 * The readable API reference: every route grouped by area, who may call it, and links to the
 * OpenAPI document for the full schemas. Served without scripts, so it works offline and under a
 * strict content security policy.
 */
export function referencePage(routes: readonly RouteSpec[], version: string) {
  const tags = [...new Set(routes.map((r) => r.tag))];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Calmdesk API reference</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            margin: 0 auto;
            max-width: 60rem;
            padding: 1rem;
            color: #1a1a1a;
          }
          h1 {
            font-size: 1.6rem;
          }
          h2 {
            margin-top: 2rem;
            border-bottom: 1px solid #ccc;
            text-transform: capitalize;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          td,
          th {
            text-align: left;
            padding: 0.35rem 0.5rem;
            vertical-align: top;
            border-bottom: 1px solid #eee;
          }
          code {
            font-size: 0.9rem;
          }
          .m {
            font-weight: 700;
            font-family: monospace;
          }
        </style>
      </head>
      <body>
        <h1>Calmdesk API ${version}</h1>
        <p>
          JSON in and out under <code>/api/v1</code>. Sign in with
          <code>POST /api/v1/auth/login</code> (a session cookie; send the returned
          <code>csrfToken</code> as <code>X-CSRF-Token</code> on every change), or send a personal
          API token as <code>Authorization: Bearer cd_…</code>. Errors are always
          <code>{"error": {"code", "message", "details"}}</code>. Full schemas:
          <a href="/api/openapi.json">/api/openapi.json</a>.
        </p>
        ${raw(
          tags
            .map(
              (tag) =>
                `<h2>${tag}</h2><table><thead><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr></thead><tbody>${routes
                  .filter((r) => r.tag === tag)
                  .map(
                    (r) =>
                      `<tr><td class="m">${r.method.toUpperCase()}</td><td><code>${r.path}</code></td><td>${escapeHtml(r.summary)}</td><td>${ACCESS_LABEL[r.access]}</td></tr>`,
                  )
                  .join('')}</tbody></table>`,
            )
            .join(''),
        )}
      </body>
    </html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
