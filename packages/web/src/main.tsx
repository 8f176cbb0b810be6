import { render } from 'preact';
import { loadMe } from './api/client.js';
import { App } from './shell/app.js';

const root = document.getElementById('app');
if (root !== null) {
  void loadMe();
  render(<App />, root);
}
