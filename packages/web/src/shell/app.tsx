import { useEffect } from 'preact/hooks';
import { liveConnected, connectLive, disconnectLive } from '../api/live.js';
import { me, signOut } from '../api/client.js';
import { ConversationPage } from '../conversation/conversation-page.js';
import { DueBanner } from '../follow-ups/due-banner.js';
import { FollowUpsPage } from '../follow-ups/follow-ups-page.js';
import { InboxPage } from '../inbox/inbox-page.js';
import { SignInPage } from '../sign-in/sign-in-page.js';
import { SupervisorPage } from '../supervisor/supervisor-page.js';
import { href } from '../shared/navigation.js';
import { ChannelBanner } from './channel-banner.js';
import { route } from './router.js';
import './app.css';

function Nav() {
  const user = me.value;
  const [page] = route.value;
  const link = (to: string, label: string) => (
    <a href={href(to)} aria-current={page === to ? 'page' : undefined}>
      {label}
    </a>
  );
  const supervisor = user?.role === 'supervisor' || user?.role === 'admin';
  return (
    <header class="top">
      <a class="brand" href={href('inbox')}>
        Calmdesk
      </a>
      <nav aria-label="Main">
        {link('inbox', 'Inbox')}
        {link('follow-ups', 'My follow-ups')}
        {supervisor && link('supervisor', 'Supervisor')}
      </nav>
      <span class={`live ${liveConnected.value ? 'live-on' : 'live-off'}`} role="status">
        {liveConnected.value ? 'Live' : 'Reconnecting…'}
      </span>
      <span class="who">
        {user?.name} <span class="role">({user?.role})</span>
      </span>
      <button type="button" class="link-button" onClick={() => void signOut()}>
        Sign out
      </button>
    </header>
  );
}

/** The app: sign-in until someone is signed in, then the page the address names. */
export function App() {
  const user = me.value;
  useEffect(() => {
    if (user) connectLive();
    else disconnectLive();
  }, [user]);
  if (user === undefined) return <p class="boot">Loading Calmdesk…</p>;
  if (user === null) return <SignInPage />;
  const [page, ...rest] = route.value;
  let content;
  if (page === 'conversations' && rest[0] !== undefined)
    content = <ConversationPage id={rest[0]} />;
  else if (page === 'follow-ups') content = <FollowUpsPage />;
  else if (page === 'supervisor') content = <SupervisorPage tab={rest[0] ?? 'escalations'} />;
  else content = <InboxPage />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Nav />
      <DueBanner />
      <ChannelBanner />
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
