import { useCallback, useEffect, useState } from 'react';
import type { ConnectionsApi, SourceStatus, SyncDetail } from '../api/connections';
import { ConfirmButton } from '../storage/ConfirmButton';
import { formatBytes, formatCount, formatMillis, formatTimestamp } from '../format';
import { useLoadable } from '../loadable';
import { navigate } from '../router';
import { MODE_LABELS } from './streams';
import { PageError, StatusBadge } from './common';
import { isFinished, statusLabel, syncTone } from './status';

interface ConnectionDetailProps {
  api: ConnectionsApi;
  name: string;
  /** Milliseconds between progress polls of a running sync. */
  pollMillis?: number;
}

/** One connection: its streams, a sync's live progress, the sync history and each sync's log. */
export function ConnectionDetail({ api, name, pollMillis = 1000 }: ConnectionDetailProps) {
  const [connection] = useLoadable(() => api.connection(name), `connection:${name}`);
  const [history, reloadHistory] = useLoadable(() => api.syncs(name), `syncs:${name}`);
  const [openSync, setOpenSync] = useState<SyncDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checkMessage, setCheckMessage] = useState<string | null>(null);

  const running = connection.state === 'ready' ? connection.value.runningSync : null;
  useEffect(() => {
    if (running) void api.sync(running).then(setOpenSync, setError);
  }, [api, running]);

  // Poll the open sync while it runs; refresh the history when it ends.
  const openId = openSync?.syncId;
  const openDone = openSync ? isFinished(openSync.status) : true;
  useEffect(() => {
    if (!openId || openDone) return;
    const timer = window.setInterval(() => {
      api.sync(openId).then((next) => {
        setOpenSync(next);
        if (isFinished(next.status)) reloadHistory();
      }, setError);
    }, pollMillis);
    return () => window.clearInterval(timer);
  }, [api, openId, openDone, pollMillis, reloadHistory]);

  const start = useCallback(async (reset?: true | string[]) => {
    setError(null);
    try {
      const sync = await api.startSync(name, reset);
      setOpenSync(sync);
      reloadHistory();
    } catch (cause) {
      setError(cause);
    }
  }, [api, name, reloadHistory]);

  const act = (action: () => Promise<unknown>) => action().catch(setError);

  if (connection.state === 'loading') return <p className="muted">Loading…</p>;
  if (connection.state === 'error') return <PageError error={connection.message} testId="connection-error" />;
  const value = connection.value;

  return (
    <div className="connection-detail" data-testid="connection-detail" data-name={name}>
      <div className="toolbar">
        <a href="#/connections">Connections</a> <span className="muted">/</span> <h2>{name}</h2>
        <span className="spacer-flex" />
        <button type="button" data-testid="connection-test" onClick={() => act(async () => {
          const result = await api.check(name);
          setCheckMessage(`${result.success ? '✓' : '✗'} ${result.message}`);
        })}>
          Test source
        </button>
        <button type="button" className="primary" data-testid="sync-start" disabled={!!openSync && !openDone} onClick={() => start()}>
          Sync now
        </button>
        <ConfirmButton
          label="Reset and sync"
          question={`Read every stream of ${name} from the start and replace its tables' rows?`}
          testId="sync-reset"
          title="Reads every stream from the start; the first commit replaces the tables' rows"
          disabled={!!openSync && !openDone}
          onConfirm={() => start(true)}
        />
        <ConfirmButton
          label="Delete"
          question={`Delete connection ${name}? Its tables stay.`}
          testId="connection-delete"
          onConfirm={() => act(async () => {
            await api.remove(name);
            navigate({ page: 'connections' });
          })}
        />
      </div>
      {checkMessage && <p data-testid="check-result">{checkMessage}</p>}
      {error != null && <PageError error={error} testId="connection-error" onDismiss={() => setError(null)} />}
      <p className="muted">
        {value.source.type} → namespace <span className="mono">{value.destination.namespace}</span>
        {value.schedule && <> · schedule <span className="mono">{value.schedule}</span></>}
      </p>
      {value.sourceStatus && <SourceStatusLine status={value.sourceStatus} />}
      <table className="data-table" data-testid="connection-streams">
        <thead>
          <tr><th>Stream</th><th>Mode</th><th>Cursor</th><th>Primary key</th><th /></tr>
        </thead>
        <tbody>
          {value.streams.map((stream) => (
            <tr key={stream.name}>
              <td className="mono">{stream.name}</td>
              <td>{MODE_LABELS[stream.mode] ?? stream.mode}</td>
              <td className="mono">{stream.cursor ?? ''}</td>
              <td className="mono">{(stream.primary_key ?? []).join(', ')}</td>
              <td>
                <ConfirmButton
                  label="Reset"
                  question={stream.mode === 'cdc'
                    ? `Read ${stream.name} from the start? Every CDC stream of ${name} takes a new snapshot.`
                    : `Read ${stream.name} from the start and replace its table's rows?`}
                  testId="stream-reset"
                  disabled={!!openSync && !openDone}
                  onConfirm={() => start([stream.name])}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {openSync && <SyncPanel sync={openSync} onCancel={() => act(() => api.cancelSync(openSync.syncId))} />}
      <h3>Sync history</h3>
      {history.state === 'error' && <PageError error={history.message} testId="connection-error" />}
      {history.state === 'ready' && (
        <table className="data-table" data-testid="sync-history">
          <thead>
            <tr><th>Started</th><th>Status</th><th>Records</th><th>Bytes</th><th>Error</th></tr>
          </thead>
          <tbody>
            {history.value.map((sync) => (
              <tr key={sync.syncId} data-testid="sync-row" data-sync-id={sync.syncId} data-status={sync.status}
                className={openSync?.syncId === sync.syncId ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link-button" data-testid="sync-open" onClick={() => act(async () => setOpenSync(await api.sync(sync.syncId)))}>
                    {formatTimestamp(sync.startedAt)}
                  </button>
                </td>
                <td><StatusBadge tone={syncTone(sync.status)} label={statusLabel(sync.status)} status={sync.status} /></td>
                <td>{formatCount(sync.recordsCommitted)}</td>
                <td>{formatBytes(sync.bytesCommitted)}</td>
                <td className="error-text">{sync.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SyncPanel({ sync, onCancel }: { sync: SyncDetail; onCancel: () => void }) {
  const done = isFinished(sync.status);
  return (
    <div className="sync-panel" data-testid="sync-progress" data-sync-id={sync.syncId} data-status={sync.status}>
      <div className="toolbar">
        <h3>Sync {sync.syncId}</h3>
        <StatusBadge tone={syncTone(sync.status)} label={statusLabel(sync.status)} status={sync.status} testId="sync-status" />
        <span className="muted">
          {formatCount(sync.recordsCommitted)} records · {formatMillis(sync.durationMillis)}
        </span>
        <span className="spacer-flex" />
        {!done && (
          <button type="button" className="small-button danger-button" data-testid="sync-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {sync.error && <pre className="error-message" data-testid="sync-error">{sync.error}</pre>}
      <table className="data-table">
        <thead>
          <tr><th>Stream</th><th>Table</th><th>Status</th><th>Read</th><th>Committed</th><th>Bytes</th><th>Commits</th></tr>
        </thead>
        <tbody>
          {sync.streams.map((stream) => (
            <tr key={stream.stream} data-testid="sync-stream" data-stream={stream.stream} data-status={stream.status}>
              <td className="mono">{stream.stream}</td>
              <td className="mono">{stream.table}</td>
              <td><StatusBadge tone={syncTone(stream.status)} label={statusLabel(stream.status)} status={stream.status} /></td>
              <td>{formatCount(stream.recordsRead)}</td>
              <td data-testid="sync-stream-records">{formatCount(stream.recordsCommitted)}</td>
              <td>{formatBytes(stream.bytesCommitted)}</td>
              <td>{stream.commits}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <pre className="log-view" data-testid="sync-log">{sync.log.join('\n')}</pre>
    </div>
  );
}

/**
 * What a CDC connection keeps at its source: PostgreSQL's replication slot with the WAL it holds
 * back, MariaDB's current binlog position.
 */
function SourceStatusLine({ status }: { status: SourceStatus }) {
  if (status.error) {
    return <p className="muted" data-testid="source-status">Source status unavailable: {status.error}</p>;
  }
  if (status.slot_name === undefined) {
    if (status.binlog_file === undefined) return null;
    return (
      <p className="muted" data-testid="source-status">
        Server binlog at <span className="mono">{String(status.binlog_file)}:{String(status.binlog_position)}</span>
      </p>
    );
  }
  return (
    <p className="muted" data-testid="source-status">
      Replication slot <span className="mono">{status.slot_name}</span>
      {status.slot_exists
        ? <> · {status.slot_active ? 'in use' : 'idle'} · lag <span data-testid="slot-lag">{formatBytes(status.lag_bytes)}</span>
          {' '}(confirmed <span className="mono">{status.confirmed_flush_lsn}</span>)</>
        : ' · not created yet (the first CDC sync creates it)'}
    </p>
  );
}
