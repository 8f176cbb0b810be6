import type { ComponentChildren } from 'preact';
import { href } from '../shared/navigation.js';
import { TemperatureBadge } from '../shared/temperature.js';
import type { TeamMemberStats, TeamOverview } from '../shared/types.js';
import { subjectOf } from './supervisor-parts.js';
import { fetchTeamOverview, useLiveData } from './supervisor-data.js';

/** Events that can change someone's numbers: temperatures, assignments, promises. */
const TEAM_EVENTS = /^(conversation\.|escalation\.updated$|follow_up\.)/;

function DeEscalation({ d }: { d: TeamMemberStats['deEscalation'] }) {
  if (d.rate === null) return <span class="sv-muted">No upset customers yet</span>;
  return (
    <>
      <strong>{Math.round(d.rate * 100)}%</strong>{' '}
      <span class="sv-muted">
        ({d.count} of {d.of})
      </span>
    </>
  );
}

function HeatedLinks({
  member,
}: {
  member: Pick<TeamMemberStats, 'openHeated' | 'openHeatedConversations'>;
}) {
  const shown = member.openHeatedConversations;
  if (member.openHeated === 0) return <span class="sv-muted">0</span>;
  const more = member.openHeated - shown.length;
  return (
    <>
      <strong>{member.openHeated}</strong>
      <ul class="sv-heated">
        {shown.map((c) => (
          <li key={c.id}>
            <TemperatureBadge value={c.temperature} />{' '}
            <a href={href('conversations', c.id)}>{subjectOf(c)}</a>
          </li>
        ))}
        {more > 0 && <li class="sv-muted">and {more} more</li>}
      </ul>
    </>
  );
}

const COLUMNS: {
  label: string;
  numeric?: boolean;
  cell: (m: TeamMemberStats) => ComponentChildren;
}[] = [
  { label: 'Open heated conversations', cell: (m) => <HeatedLinks member={m} /> },
  { label: 'De-escalation rate', cell: (m) => <DeEscalation d={m.deEscalation} /> },
  { label: 'Promises kept', numeric: true, cell: (m) => m.promises.kept },
  {
    label: 'Promises missed',
    numeric: true,
    cell: (m) =>
      m.promises.missed > 0 ? <strong class="sv-missed">{m.promises.missed}</strong> : 0,
  },
  { label: 'Promises open', numeric: true, cell: (m) => m.promises.pending },
];

/** Each agent and supervisor at a glance: heated work in hand, calming rate, promises kept. */
export function TeamPanel() {
  const live = useLiveData<TeamOverview>(
    fetchTeamOverview,
    (e) => TEAM_EVENTS.test(e.type),
    'team',
    1_000,
  );
  const { data, error, loading } = live;
  const t = data?.thresholds;

  return (
    <section class="sv-panel" aria-labelledby="sv-team-title">
      <div class="sv-head">
        <h1 id="sv-team-title" tabIndex={-1}>
          Team
        </h1>
      </div>
      {error && (
        <div class="sv-error" role="alert">
          <p>Could not load the team: {error}</p>
          <button type="button" class="secondary" onClick={() => void live.reload()}>
            Try again
          </button>
        </div>
      )}
      {loading && data === undefined && <p class="sv-empty">Loading the team…</p>}
      {data && data.team.length === 0 && <p class="sv-empty">No agents or supervisors yet.</p>}
      {data && data.team.length > 0 && (
        <>
          <p class="sv-explain" id="sv-team-explain">
            <strong>Open heated</strong>: open or pending, temperature {t?.heatedTemperature} or
            more. <strong>De-escalation</strong>: of their customers who reached{' '}
            {t?.upsetTemperature} (upset), the share whose temperature has since fallen{' '}
            {t?.minTemperatureFall} points or more. <strong>Promises</strong>: the follow-ups they
            committed to.
          </p>
          <div class="sv-table-wrap" role="region" aria-labelledby="sv-team-caption" tabIndex={0}>
            {/* Explicit roles: the small-screen layout restyles the cells, which can cost a
                table its meaning to screen readers. */}
            <table class="sv-team" role="table" aria-describedby="sv-team-explain">
              <caption id="sv-team-caption" class="visually-hidden">
                The team: heated conversations, de-escalation and promises per person
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">
                    Person
                  </th>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.label}
                      role="columnheader"
                      scope="col"
                      class={c.numeric ? 'sv-num' : undefined}
                    >
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup">
                {data.team.map((m) => (
                  <tr key={m.user.id} role="row">
                    <th role="rowheader" scope="row">
                      {m.user.name}
                      <span class="sv-role"> {m.user.role}</span>
                    </th>
                    {COLUMNS.map((c) => (
                      <td
                        key={c.label}
                        role="cell"
                        data-label={c.label}
                        class={c.numeric ? 'sv-num' : undefined}
                      >
                        {c.cell(m)}
                      </td>
                    ))}
                  </tr>
                ))}
                {/* Heated conversations nobody owns: the most likely to go unseen. */}
                <tr
                  role="row"
                  class={`sv-unassigned${data.unassigned.openHeated > 0 ? ' is-heated' : ''}`}
                >
                  <th role="rowheader" scope="row">
                    Unassigned
                    <span class="sv-role"> nobody’s yet</span>
                  </th>
                  <td role="cell" data-label={COLUMNS[0]!.label}>
                    <HeatedLinks member={data.unassigned} />
                  </td>
                  {COLUMNS.slice(1).map((c) => (
                    <td
                      key={c.label}
                      role="cell"
                      data-label={c.label}
                      class={c.numeric ? 'sv-num' : undefined}
                    >
                      <span class="sv-muted" aria-hidden="true">
                        —
                      </span>
                      <span class="visually-hidden">not counted</span>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
