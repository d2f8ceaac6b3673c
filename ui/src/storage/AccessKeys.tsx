import { useState, type FormEvent } from 'react';
import { formatTimestamp } from '../format';
import { useLoadable } from '../loadable';
import { ConfirmButton } from './ConfirmButton';
import { ErrorNotice } from './ErrorNotice';
import type { StorageClient } from './StorageClient';
import type { CreatedAccessKey } from './types';

/** S3 access keys for clients such as the AWS CLI: list, create (the secret shown once), delete. */
export function AccessKeys({ storage }: { storage: StorageClient }) {
  const [keys, reload] = useLoadable(() => storage.accessKeys(), 'access-keys');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      reload();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      setCreated(await storage.createAccessKey(description.trim()));
      setDescription('');
    });
  };

  return (
    <section className="access-keys" data-testid="access-keys">
      <h2>Access keys</h2>
      <form className="inline-form" onSubmit={create}>
        <input
          placeholder="description, e.g. laptop aws cli"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          data-testid="key-description"
          aria-label="Key description"
        />
        <button type="submit" disabled={busy} data-testid="key-create">
          Create access key
        </button>
      </form>
      {created && (
        <div className="notice new-key" data-testid="key-created">
          <div>
            Access key <span className="mono" data-testid="key-created-access">{created.accessKey}</span>, secret key{' '}
            <span className="mono" data-testid="key-created-secret">{created.secretKey}</span>
          </div>
          <div>The secret key is shown only now: store it before closing this note.</div>
          <button type="button" className="small-button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {keys.state === 'loading' && <p className="muted">Loading…</p>}
      {keys.state === 'error' && <p className="error-text">{keys.message}</p>}
      {keys.state === 'ready' && keys.value.length === 0 && <p className="muted">No access keys yet.</p>}
      {keys.state === 'ready' && keys.value.length > 0 && (
        <table className="data-table compact" data-testid="key-list">
          <thead>
            <tr>
              <th>Access key</th>
              <th>Owner</th>
              <th>Created</th>
              <th>Description</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.value.map((key) => (
              <tr key={key.accessKey} data-testid="key-row" data-access-key={key.accessKey}>
                <td className="mono">{key.accessKey}</td>
                <td>{key.owner}</td>
                <td className="nowrap">{formatTimestamp(key.createdAt)}</td>
                <td>{key.description}</td>
                <td className="actions">
                  <ConfirmButton
                    label="Delete"
                    question={`Delete access key ${key.accessKey}?`}
                    testId="key-delete"
                    disabled={busy}
                    onConfirm={() => void act(() => storage.deleteAccessKey(key.accessKey))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
