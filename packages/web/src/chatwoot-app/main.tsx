import { render } from 'preact';
import '../shell/app.css';
import '../conversation/conversation.css';
import './chatwoot-app.css';
import { ChatwootPage } from './chatwoot-page.js';

// The server writes the configured Chatwoot origin into the page; messages from any other
// origin are ignored.
const origin =
  document.querySelector<HTMLMetaElement>('meta[name="calmdesk-chatwoot-origin"]')?.content ?? '';
const root = document.getElementById('app');
if (root !== null) render(<ChatwootPage origin={origin} />, root);
