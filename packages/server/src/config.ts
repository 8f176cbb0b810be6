import { z } from 'zod';

const LOG_LEVELS = ['silent', 'error', 'info', 'debug'] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

const secret = z.string().min(16, 'must be at least 16 characters').max(500);

/** A mail server's URL with the user and password to sign in with, e.g. imaps://u:p@host:993. */
const mailUrl = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol.slice(0, -1)) && url.hostname !== '';
      } catch {
        return false;
      }
    },
    `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL, e.g. ${protocols[0]}://user:password@mail.example.com`,
  );

/**
 * Everything the service can be told, with its environment variable, checked once at start-up.
 * Nothing else in the service reads the environment.
 */
export const CONFIG_SETTINGS = {
  port: ['CALMDESK_PORT', z.coerce.number().int().min(0).max(65_535).default(3000)],
  host: ['CALMDESK_HOST', z.string().min(1).default('127.0.0.1')],
  dataDir: ['CALMDESK_DATA_DIR', z.string().min(1).default('./calmdesk-data')],
  databaseUrl: [
    'DATABASE_URL',
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ],
  timeZone: [
    'CALMDESK_TIME_ZONE',
    z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London').default('UTC'),
  ],
  demo: ['CALMDESK_DEMO', flag.default(false)],
  webhookUrl: ['CALMDESK_WEBHOOK_URL', z.url({ protocol: /^https?$/ }).optional()],
  webhookSecret: ['CALMDESK_WEBHOOK_SECRET', secret.optional()],
  chatwootSecret: ['CALMDESK_CHATWOOT_SECRET', secret.optional()],
  /** Chatwoot's base URL; its origin alone may frame the Dashboard App page (/chatwoot-app). */
  chatwootUrl: ['CALMDESK_CHATWOOT_URL', z.url({ protocol: /^https?$/ }).optional()],
  incomingWebhookSecret: ['CALMDESK_INCOMING_WEBHOOK_SECRET', secret.optional()],
  /** With CALMDESK_CHATWOOT_URL, replies to Chatwoot conversations go back there (issue 14). */
  chatwootApiToken: ['CALMDESK_CHATWOOT_API_TOKEN', z.string().min(1).max(500).optional()],
  /** The generic outgoing channel: replies and changes of other conversations are posted here. */
  outgoingUrl: ['CALMDESK_OUTGOING_URL', z.url({ protocol: /^https?$/ }).optional()],
  outgoingSecret: ['CALMDESK_OUTGOING_SECRET', secret.optional()],
  /** How long one send to a channel may take before it is tried again. */
  channelTimeoutMs: [
    'CALMDESK_CHANNEL_TIMEOUT_MS',
    z.coerce.number().int().min(100).max(120_000).default(10_000),
  ],
  secureCookies: ['CALMDESK_SECURE_COOKIES', flag.default(false)],
  sessionHours: [
    'CALMDESK_SESSION_HOURS',
    z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(12),
  ],
  comingDueMinutes: [
    'CALMDESK_COMING_DUE_MINUTES',
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  ],
  schedulerIntervalMs: [
    'CALMDESK_SCHEDULER_INTERVAL_MS',
    z.coerce.number().int().min(50).max(3_600_000).default(1000),
  ],
  loginAttempts: ['CALMDESK_LOGIN_ATTEMPTS', z.coerce.number().int().min(1).max(1000).default(10)],
  logLevel: ['CALMDESK_LOG_LEVEL', z.enum(LOG_LEVELS).default('info')],
  webDir: ['CALMDESK_WEB_DIR', z.string().min(1).optional()],
  /** The email channel (issue 14): the support mailbox read over IMAP, replies sent over SMTP. */
  imapUrl: ['CALMDESK_IMAP_URL', mailUrl(['imap', 'imaps']).optional()],
  smtpUrl: ['CALMDESK_SMTP_URL', mailUrl(['smtp', 'smtps']).optional()],
  emailMailbox: ['CALMDESK_EMAIL_MAILBOX', z.string().trim().min(1).max(200).default('INBOX')],
  emailFrom: [
    'CALMDESK_EMAIL_FROM',
    z
      .string()
      .trim()
      .regex(
        /^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
        'must be an address, e.g. support@example.com or "Example Support <support@example.com>"',
      )
      .optional(),
  ],
} as const;

type Settings = typeof CONFIG_SETTINGS;
export type Config = { [K in keyof Settings]: z.output<Settings[K][1]> };
export type ConfigInput = { [K in keyof Settings]?: z.input<Settings[K][1]> };

/** A setting with a wrong value: start-up stops with this message, naming the setting. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration once: flags (from the command line) win over the environment, which
 * wins over the defaults. Throws ConfigError naming the first wrong setting, e.g.
 * "CALMDESK_PORT (--port): must be at most 65535, got 99999".
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: ConfigInput = {},
): Config {
  const out: Record<string, unknown> = {};
  for (const [key, [envName, schema]] of Object.entries(CONFIG_SETTINGS)) {
    const fromFlag = (flags as Record<string, unknown>)[key];
    const raw = fromFlag !== undefined ? fromFlag : env[envName] === '' ? undefined : env[envName];
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid value';
      const flagName = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      const shown = /SECRET|TOKEN|IMAP_URL|SMTP_URL/.test(envName)
        ? '(hidden)'
        : JSON.stringify(raw);
      throw new ConfigError(envName, `${envName} (${flagName}): ${reason}, got ${shown}`);
    }
    out[key] = parsed.data;
  }
  return out as Config;
}
