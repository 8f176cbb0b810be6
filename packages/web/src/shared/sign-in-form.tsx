import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

export interface SignInFormProps {
  /** Signs in with what was typed; rejects with an ApiError whose message the form shows. */
  signIn: (email: string, password: string) => Promise<void>;
  /** Prefix of the fields' ids, unique on the page ("" gives `email` and `password`). */
  idPrefix?: string;
  /** The address to start with (Chatwoot hands the page its agent's). */
  initialEmail?: string;
  class?: string;
  /** Shown above the fields. */
  children?: ComponentChildren;
}

/**
 * The one sign-in form: the app's sign-in page and the Chatwoot Dashboard App's tab differ only
 * in how they keep the session (a cookie, or a bearer token in a framed page), not in the form.
 */
export function SignInForm(props: SignInFormProps) {
  const prefix = props.idPrefix ?? '';
  const [email, setEmail] = useState(props.initialEmail ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = `${prefix}sign-in-error`;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.signIn(email, password);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class={props.class}
      onSubmit={(e) => void submit(e)}
      aria-describedby={error !== null ? errorId : undefined}
    >
      {props.children}
      <label for={`${prefix}email`}>Email</label>
      <input
        id={`${prefix}email`}
        name="email"
        type="email"
        autocomplete="username"
        required
        value={email}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      <label for={`${prefix}password`}>Password</label>
      <input
        id={`${prefix}password`}
        name="password"
        type="password"
        autocomplete="current-password"
        required
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      {error !== null && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
