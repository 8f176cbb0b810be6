import { signIn } from '../api/client.js';
import { SignInForm } from '../shared/sign-in-form.js';
import './sign-in.css';

export function SignInPage() {
  return (
    <main class="sign-in" id="main">
      <h1>Calmdesk</h1>
      <p class="tagline">Calm answers for upset customers.</p>
      <SignInForm signIn={signIn} />
    </main>
  );
}
