import { useState, type FormEvent } from 'react';
import { formatTimestamp } from '../format';
import { useLoadable } from '../loadable';
import { navigate, routeHash } from '../router';
import { AccessKeys } from './AccessKeys';
import { ConfirmButton } from './ConfirmButton';
import { EndpointHint } from './EndpointHint';
import { ErrorNotice } from './ErrorNotice';
import type { StorageClient } from './StorageClient';

/** Landing page of the storage console: the S3 endpoint, the buckets, creating and deleting them. */
export function BucketList({ storage }: { storage: StorageClient }) {
  const [buckets, reload] = useLoadable(() => storage.buckets(), 'buckets');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    const bucket = name.trim();
    if (!bucket) return;
    void act(async () => {
      await storage.createBucket(bucket);
      setName('');
      navigate({ page: 'storage', bucket, prefix: '' });
    });
  };

  const remove = (bucket: string) =>
    void act(async () => {
      await storage.deleteBucket(bucket);
      reload();
    });

  return (
    <div className="storage-main" data-testid="bucket-list-page">
      <div className="storage-heading">
        <h1>Storage</h1>
        <span className="muted">S3-compatible object store</span>
        <span className="spacer-flex" />
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <EndpointHint storage={storage} />
      <form className="inline-form" onSubmit={create}>
        <input
          placeholder="new-bucket-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="bucket-name"
          aria-label="Bucket name"
        />
        <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="bucket-create">
          Create bucket
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {buckets.state === 'loading' && <div className="placeholder">Loading…</div>}
      {buckets.state === 'error' && (
        <div className="error-panel" role="alert">
          <pre className="error-message">{buckets.message}</pre>
        </div>
      )}
      {buckets.state === 'ready' && buckets.value.length === 0 && (
        <div className="placeholder" data-testid="bucket-list">
          No buckets yet.
        </div>
      )}
      {buckets.state === 'ready' && buckets.value.length > 0 && (
        <table className="data-table" data-testid="bucket-list">
          <thead>
            <tr>
              <th>Bucket</th>
              <th>Created</th>
              <th>Versioning</th>
              <th>Encryption</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {buckets.value.map((bucket) => (
              <tr key={bucket.name} data-testid="bucket-row" data-bucket={bucket.name}>
                <td>
                  <a href={routeHash({ page: 'storage', bucket: bucket.name, prefix: '' })} data-testid="bucket-link">
                    {bucket.name}
                  </a>
                </td>
                <td className="nowrap">{formatTimestamp(bucket.createdAt)}</td>
                <td>{bucket.versioning}</td>
                <td>{bucket.encryption === 'AES256' ? 'AES256' : 'None'}</td>
                <td className="actions">
                  <ConfirmButton
                    label="Delete"
                    question={`Delete bucket ${bucket.name}?`}
                    testId="bucket-delete"
                    disabled={busy}
                    onConfirm={() => remove(bucket.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AccessKeys storage={storage} />
    </div>
  );
}
