import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';

/** How one connection of a channel stands, as GET /api/health reports it. */
interface ConnectionStatus {
  state: 'connecting' | 'connected' | 'error';
  error: string | null;
  server: string;
}

interface Health {
  channels?: Record<string, Record<string, ConnectionStatus | null>>;
}

/** How often the banner asks again: a fixed password shows as fixed within this. */
const CHECK_MS = 30_000;

const WHAT: Record<string, string> = {
  inbound: 'new mail is not being read',
  outbound: 'replies are waiting to be sent',
};

/**
 * A channel that cannot reach its server (the email channel's IMAP or SMTP: a wrong password, a
 * server down), said on every page: customers' mail waits meanwhile, and the agent should know
 * why nothing arrives. Calmdesk keeps trying; the banner goes once the connection is back.
 */
export function ChannelBanner() {
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      let connecting = false;
      try {
        const health = await api<Health>('GET', '/api/health');
        const found: string[] = [];
        for (const [channel, parts] of Object.entries(health.channels ?? {})) {
          for (const [part, status] of Object.entries(parts)) {
            if (status?.state === 'connecting') connecting = true;
            if (status?.state !== 'error') continue;
            found.push(
              `${channel === 'email' ? 'Email' : channel}: ${WHAT[part] ?? part} (${status.error ?? 'no connection'}). Calmdesk keeps trying.`,
            );
          }
        }
        if (!stopped) setProblems(found);
      } catch {
        // Calmdesk itself unreachable: the live indicator already says so.
      }
      // A connection still being made is asked about again soon, not in half a minute.
      if (!stopped) timer = setTimeout(() => void check(), connecting ? 3_000 : CHECK_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (problems.length === 0) return null;
  return (
    <div class="channel-banner" role="status">
      {problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>
  );
}
