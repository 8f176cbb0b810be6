import { useEffect, useState } from 'preact/hooks';
import { href } from '../shared/navigation.js';
import { ApprovalsPanel } from './approvals-panel.js';
import { EscalationQueue } from './escalation-queue.js';
import {
  fetchApprovals,
  fetchEscalationQueue,
  UNRESOLVED,
  useLiveData,
  type EscalationQueueData,
  type LiveData,
} from './supervisor-data.js';
import { TeamPanel } from './team-panel.js';
import './supervisor.css';

const TABS = [
  { id: 'escalations', label: 'Escalations' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'team', label: 'Team' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const ALL_STATUSES = [...UNRESOLVED, 'resolved'];

function isTab(tab: string): tab is TabId {
  return TABS.some((t) => t.id === tab);
}

/** Whether an event can change what the queue shows. */
function touchesQueue(type: string, conversationId: string | null, data?: EscalationQueueData) {
  if (type.startsWith('escalation.')) return true;
  // A new temperature for a conversation in the queue: its badge must show it.
  return (
    (type === 'conversation.temperature' || type === 'conversation.updated') &&
    conversationId !== null &&
    data?.conversations.has(conversationId) === true
  );
}

/**
 * The supervisor's desk: the escalation queue, the goodwill offers waiting for approval and the
 * team at a glance, as three pages behind one set of links. The queue and the approvals stay
 * live on every tab, so the counts in the links are always current.
 */
export function SupervisorPage({ tab }: { tab: string }) {
  const current: TabId = isTab(tab) ? tab : 'escalations';
  const [showResolved, setShowResolved] = useState(false);
  const statuses = showResolved ? ALL_STATUSES : [...UNRESOLVED];
  const queue: LiveData<EscalationQueueData> = useLiveData(
    () => fetchEscalationQueue(statuses),
    (e) => touchesQueue(e.type, e.conversationId, queue.data),
    statuses.join(','),
  );
  const approvals = useLiveData(fetchApprovals, (e) => e.type.startsWith('goodwill.'), 'pending');

  const label = TABS.find((t) => t.id === current)?.label ?? 'Supervisor';
  useEffect(() => {
    document.title = `${label} · Supervisor · Calmdesk`;
  }, [label]);

  const waiting = queue.data?.escalations.filter((e) => e.status === 'open').length;
  const pending = approvals.data?.offers.length;
  const counts: Record<TabId, { n: number | undefined; what: string }> = {
    escalations: { n: waiting, what: 'waiting' },
    approvals: { n: pending, what: 'waiting' },
    team: { n: undefined, what: '' },
  };

  return (
    <div class="supervisor">
      <nav class="sv-tabs" aria-label="Supervisor views">
        {TABS.map((t) => {
          const { n, what } = counts[t.id];
          return (
            <a
              key={t.id}
              href={href('supervisor', t.id)}
              aria-current={t.id === current ? 'page' : undefined}
            >
              {t.label}
              {n !== undefined && n > 0 && (
                <span class="sv-count">
                  {' '}
                  {n}
                  <span class="visually-hidden"> {what}</span>
                </span>
              )}
            </a>
          );
        })}
      </nav>
      {current === 'escalations' && (
        <EscalationQueue
          live={queue}
          showResolved={showResolved}
          onShowResolved={setShowResolved}
        />
      )}
      {current === 'approvals' && <ApprovalsPanel live={approvals} />}
      {current === 'team' && <TeamPanel />}
    </div>
  );
}
