import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { AppContext } from './app/app-context.js';
import { createRoutes } from './app/routes.js';
import { createServices } from './app/services.js';
import type { Config } from './config.js';
import { createChannelRegistry } from './channels/index.js';
import { createEmailChannel } from './channels/email/email-channel.js';
import { deliverOutgoing, OutgoingWorker } from './channels/deliver-outgoing.js';
import type { ChannelSender } from './channels/channel-sender.js';
import { seedDemo } from './demo/seed-demo.js';
import { startClock } from './follow-ups/follow-up-clock.js';
import { createApp } from './http/app.js';
import { openPostgresStore } from './storage/postgres/open-postgres-store.js';
import { openSqliteStore } from './storage/sqlite/open-sqlite-store.js';
import type { Store } from './storage/store.js';

export const VERSION = '0.1.0';
/** How long requests in flight get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

export interface CalmdeskOptions {
  /** The clock; tests pass a fake one. */
  now?: () => Date;
  log?: Logger;
  /** Run the follow-up clock and webhook deliveries on a timer (default true). */
  clock?: boolean;
  /** The HTTP client for outgoing webhooks and channels. */
  fetch?: typeof fetch;
  /** Senders for channels beyond those the configuration names (tests). */
  channelSenders?: ChannelSender[];
}

export const consoleLogger = (level: Config['logLevel']): Logger => ({
  info: (line) => {
    if (level === 'info' || level === 'debug') process.stdout.write(`${line}\n`);
  },
  error: (line) => {
    if (level !== 'silent') process.stderr.write(`${line}\n`);
  },
});

/** Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite. */
export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log?: Logger,
): Promise<Store> {
  if (config.databaseUrl !== undefined) {
    return openPostgresStore(config.databaseUrl, {
      onListenError: (e) => log?.error(`postgres listener: ${e.message}`),
    });
  }
  return openSqliteStore(config.dataDir);
}

/** Everything a running Calmdesk is made of, wired together but not yet listening. */
export async function createCalmdesk(config: Config, options: CalmdeskOptions = {}) {
  const log = options.log ?? consoleLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const store = await openStore(config, log);
  const context: AppContext = {
    store,
    now,
    timeZone: config.timeZone,
    comingDueMinutes: config.comingDueMinutes,
    webhookUrl: config.webhookUrl,
  };
  const email = createEmailChannel(config, {
    store,
    now,
    onError: (message) => log.error(`email: ${message}`),
  });
  const channelRegistry = createChannelRegistry(config, {
    now,
    fetch: options.fetch,
    extra: [
      ...(options.channelSenders ?? []),
      ...(email?.sender === undefined ? [] : [email.sender]),
    ],
  });
  const services = createServices(
    context,
    { sessionHours: config.sessionHours, loginAttempts: config.loginAttempts },
    channelRegistry,
  );
  const outgoingOptions = {
    store,
    registry: channelRegistry,
    now,
    timeoutMs: config.channelTimeoutMs,
  };
  /** Delivers what is due to the channels once (tests drive it; the server runs a worker). */
  const deliverOutgoingNow = () => deliverOutgoing(outgoingOptions);
  const shutdown = new AbortController();
  const routes = createRoutes({
    services,
    secureCookies: config.secureCookies,
    chatwootSecret: config.chatwootSecret,
    incomingWebhookSecret: config.incomingWebhookSecret,
    version: VERSION,
    dialect: store.dialect,
    now,
    shutdown: shutdown.signal,
    channelHealth: () => (email === undefined ? {} : { email: email.health() }),
  });
  const app = createApp({
    auth: services.people,
    routes,
    secureCookies: config.secureCookies,
    webDir: config.webDir,
    chatwootOrigin:
      config.chatwootUrl === undefined ? undefined : new URL(config.chatwootUrl).origin,
    logError: (error, context) =>
      log.error(
        `error in ${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  });
  return {
    config,
    store,
    services,
    app,
    routes,
    log,
    now,
    shutdown,
    outgoingOptions,
    deliverOutgoingNow,
    email,
  };
}

export type Calmdesk = Awaited<ReturnType<typeof createCalmdesk>>;

export interface RunningCalmdesk extends Calmdesk {
  url: string;
  /**
   * Stops taking requests, lets those in flight finish (each handler, not only its connection),
   * stops the clock and the analysis workers, then closes the database.
   */
  close: () => Promise<void>;
}

/** Starts Calmdesk: migrations, first-run setup or demo, the HTTP server and the clock. */
export async function startCalmdesk(
  config: Config,
  options: CalmdeskOptions = {},
): Promise<RunningCalmdesk> {
  const calmdesk = await createCalmdesk(config, options);
  const { services, log, store } = calmdesk;

  if (config.demo) {
    const demo = await seedDemo(services, store, calmdesk.now());
    if (demo.seeded) {
      log.info('Demo data loaded: 15 conversations from 12 customers.');
      if (demo.credentials.length > 0) {
        const file =
          config.databaseUrl === undefined
            ? join(config.dataDir, 'demo-credentials.txt')
            : undefined;
        const lines = demo.credentials.map(
          (c) => `  ${c.role.padEnd(10)} ${c.email.padEnd(28)} ${c.password}`,
        );
        log.info(['Demo sign-ins (random passwords, shown once):', ...lines].join('\n'));
        if (file !== undefined) writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      }
    } else {
      const saved =
        config.databaseUrl === undefined
          ? ` (saved in ${join(config.dataDir, 'demo-credentials.txt')})`
          : '';
      log.info(
        `Demo data: conversations exist already, nothing added. The demo sign-ins were printed at the first start${saved}.`,
      );
    }
  }
  const setupToken = await services.people.prepareSetup();
  services.pipeline.warmUp();

  // Requests being handled, so that shutdown closes the database only after the last one ends:
  // a connection can close (the client gone, the grace period over) while its handler still
  // queries the store.
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const fetchCounted = async (request: Request, env: unknown): Promise<Response> => {
    inFlight += 1;
    try {
      return await calmdesk.app.fetch(request, env);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    }
  };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: fetchCounted, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const clock =
    options.clock === false
      ? undefined
      : startClock({
          followUps: services.followUps,
          store,
          now: calmdesk.now,
          intervalMs: config.schedulerIntervalMs,
          delivery:
            config.webhookUrl === undefined
              ? undefined
              : { url: config.webhookUrl, secret: config.webhookSecret, fetch: options.fetch },
          onError: (error) =>
            log.error(`clock: ${error instanceof Error ? error.message : String(error)}`),
        });

  // Replies, notes and status changes to the customers' channels: on the clock, and at once
  // when one is queued.
  const outgoing =
    options.clock === false || services.channels.registry.empty
      ? undefined
      : new OutgoingWorker(calmdesk.outgoingOptions, (error) =>
          log.error(`channels: ${error instanceof Error ? error.message : String(error)}`),
        ).start(config.schedulerIntervalMs);
  if (outgoing !== undefined) services.channels.onQueued = () => outgoing.kick();
  // The support mailbox: a server that is down or refuses the password is retried and reported
  // in GET /api/health; the rest of Calmdesk runs meanwhile.
  calmdesk.email?.start(services.ingest);
  if (config.chatwootUrl !== undefined && config.chatwootApiToken === undefined)
    log.info(
      'Replies to Chatwoot conversations stay in Calmdesk: set CALMDESK_CHATWOOT_API_TOKEN to send them to Chatwoot.',
    );

  log.info(
    `Calmdesk ${VERSION} is listening on ${url} (database: ${store.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  log.info(`API reference: ${url}/api/docs`);
  if (setupToken !== undefined) {
    log.info(
      `No users yet. Create the first admin with:\n  npx calmdesk user add --role admin --email you@example.com --name "Your Name"\n` +
        `or POST ${url}/api/v1/setup with {"token": "${setupToken}", "email", "name", "password"} (this token works once, until restart).`,
    );
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      calmdesk.shutdown.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Connections that finish their request after this point go idle and are closed at
        // once, rather than after the keep-alive timeout; past the grace period, all are.
        const http = server as import('node:http').Server;
        const sweep = setInterval(() => http.closeIdleConnections(), 50);
        const grace = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
        http.once('close', () => {
          clearInterval(sweep);
          clearTimeout(grace);
        });
        http.closeIdleConnections();
      });
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const grace = setTimeout(resolve, SHUTDOWN_GRACE_MS);
          idle = () => {
            clearTimeout(grace);
            resolve();
          };
        });
      }
      await clock?.stop();
      await outgoing?.stop();
      await calmdesk.email?.stop();
      await services.ingest.close();
      await store.close();
    })();
    return closing;
  };
  return { ...calmdesk, url, close };
}
