import { useState, type FormEvent } from 'react';
import type { ApiClient, Session } from '../api/client';
import { errorMessage } from '../loadable';

interface LoginPageProps {
  client: ApiClient;
  onLogin: (session: Session) => void;
  /** Shown above the form, e.g. when a session has expired. */
  notice?: string | null;
}

export function LoginPage({ client, onLogin, notice }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await client.login(username, password);
      onLogin(session);
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit}>
        <div className="brand large">
          <span className="brand-mark">◆</span> Data Platform
        </div>
        {notice && !error && <div className="notice">{notice}</div>}
        <label>
          Username
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <div className="login-error" data-testid="login-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
