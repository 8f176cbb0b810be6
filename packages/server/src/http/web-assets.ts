import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface MountWebAppOptions {
  /** The Chatwoot origin the Dashboard App page takes messages from; none when not configured. */
  chatwootOrigin?: string | undefined;
}

/** The page's `<meta name="calmdesk-chatwoot-origin" content="">`, whose content is filled in. */
const CHATWOOT_ORIGIN_META = /(<meta name="calmdesk-chatwoot-origin" content=")[^"]*(")/;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Serves the built web app from `dir`: read once at start into memory (it is small), so only
 * files that exist there can ever be served, whatever the path asked for. The app's pages are
 * public; everything they show comes from the API, which checks who is calling. Returns false
 * when there is no built app in `dir`.
 */
export function mountWebApp(app: Hono, dir: string, options: MountWebAppOptions = {}): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const path of files(dir)) {
    const type = TYPES[extname(path)];
    if (type === undefined) continue;
    assets.set(`/${relative(dir, path).split('\\').join('/')}`, { body: readFileSync(path), type });
  }
  const index = assets.get('/index.html');
  // Browsers, bookmarks and crawlers ask for /favicon.ico whatever the page names: the SVG
  // answers it (every current browser shows an SVG favicon).
  const icon = assets.get('/favicon.svg');
  if (icon !== undefined && !assets.has('/favicon.ico')) assets.set('/favicon.ico', icon);
  // The Chatwoot Dashboard App page, under the plain address the README gives for Chatwoot,
  // told which origin its messages must come from (the page has no other way to learn it).
  const dashboardApp = assets.get('/chatwoot-app.html');
  if (dashboardApp !== undefined) {
    const html = dashboardApp.body
      .toString('utf8')
      .replace(CHATWOOT_ORIGIN_META, `$1${escapeAttribute(options.chatwootOrigin ?? '')}$2`);
    const page = { body: Buffer.from(html), type: dashboardApp.type };
    assets.set('/chatwoot-app.html', page);
    assets.set('/chatwoot-app', page);
  }
  app.get('*', async (c, next) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const asset = assets.get(path);
    if (asset === undefined || index === undefined) return next();
    c.header('content-type', asset.type);
    // index.html always fresh; the bundle's chunks carry a content hash in their names.
    c.header(
      'cache-control',
      path === '/index.html' ||
        path === '/app.js' ||
        path === '/app.css' ||
        path.startsWith('/chatwoot-app')
        ? 'no-cache'
        : path === '/favicon.ico' || path === '/favicon.svg'
          ? 'public, max-age=86400'
          : 'public, max-age=31536000, immutable',
    );
    return c.body(new Uint8Array(asset.body));
  });
  return true;
}
