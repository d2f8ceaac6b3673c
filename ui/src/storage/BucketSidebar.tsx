import { useEffect, useState } from 'react';
import { formatBytes, formatTimestamp } from '../format';
import { errorMessage, useLoadable } from '../loadable';
import type { StorageClient } from './StorageClient';
import type { BucketSettings, Encryption, SettingsChange } from './types';

interface BucketSidebarProps {
  storage: StorageClient;
  bucket: string;
  generation: number;
  onError: (cause: unknown) => void;
}

/** Settings and recent object events of a bucket. */
export function BucketSidebar({ storage, bucket, generation, onError }: BucketSidebarProps) {
  return (
    <aside className="storage-sidebar">
      <SettingsPanel storage={storage} bucket={bucket} onError={onError} />
      <EventsPanel storage={storage} bucket={bucket} generation={generation} />
    </aside>
  );
}

function SettingsPanel({ storage, bucket, onError }: Omit<BucketSidebarProps, 'generation'>) {
  const [settings, setSettings] = useState<BucketSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setSettings(null);
    setLoadError(null);
    storage.settings(bucket).then(
      (loaded) => current && setSettings(loaded),
      (cause: unknown) => current && setLoadError(errorMessage(cause)),
    );
    return () => {
      current = false;
    };
  }, [storage, bucket]);

  const change = async (update: SettingsChange) => {
    setBusy(true);
    try {
      setSettings(await storage.updateSettings(bucket, update));
    } catch (cause) {
      onError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="side-section" data-testid="bucket-settings">
      <h2>Settings</h2>
      {loadError && <p className="error-text">{loadError}</p>}
      {!settings && !loadError && <p className="muted">Loading…</p>}
      {settings && (
        <dl className="settings">
          <dt>Versioning</dt>
          <dd>
            <span data-testid="versioning-state" className={`state state-${settings.versioning.toLowerCase()}`}>
              {settings.versioning}
            </span>
            {settings.versioning === 'Enabled' ? (
              <button
                type="button"
                className="small-button"
                disabled={busy}
                onClick={() => change({ versioning: 'Suspended' })}
                data-testid="versioning-suspend"
              >
                Suspend
              </button>
            ) : (
              <button
                type="button"
                className="small-button"
                disabled={busy}
                onClick={() => change({ versioning: 'Enabled' })}
                data-testid="versioning-enable"
              >
                Enable
              </button>
            )}
          </dd>
          <dt>Default encryption</dt>
          <dd>
            <select
              value={settings.encryption}
              disabled={busy}
              onChange={(event) => change({ encryption: event.target.value as Encryption })}
              data-testid="encryption-select"
              aria-label="Default encryption"
            >
              <option value="NONE">None</option>
              <option value="AES256">AES256 (server-side)</option>
            </select>
          </dd>
        </dl>
      )}
    </section>
  );
}

function EventsPanel({ storage, bucket, generation }: Omit<BucketSidebarProps, 'onError'>) {
  const [refreshes, setRefreshes] = useState(0);
  const [events] = useLoadable(() => storage.events(bucket, 20), `${bucket}\u0000${generation}\u0000${refreshes}`);
  return (
    <section className="side-section" data-testid="bucket-events">
      <div className="side-heading">
        <h2>Recent events</h2>
        <button type="button" className="icon-button" onClick={() => setRefreshes((n) => n + 1)} title="Refresh events">
          ↻
        </button>
      </div>
      {events.state === 'loading' && <p className="muted">Loading…</p>}
      {events.state === 'error' && <p className="error-text">{events.message}</p>}
      {events.state === 'ready' && events.value.length === 0 && <p className="muted">No events yet.</p>}
      {events.state === 'ready' && events.value.length > 0 && (
        <ol className="event-list" data-testid="events-list">
          {events.value.map((event, index) => (
            <li key={`${event.time}-${index}`} data-testid="event-item" data-type={event.type}>
              <span className={`badge event-${event.type.toLowerCase()}`}>{event.type}</span>
              <span className="mono event-key">{event.key}</span>
              <span className="muted nowrap">
                {formatTimestamp(event.time)}
                {event.type === 'CREATED' ? ` · ${formatBytes(event.size)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
