import type { Connection, ConnectionsApi, SyncSummary } from '../api/connections';
import { formatCount, formatTimestamp } from '../format';
import { useLoadable } from '../loadable';
import { PageError, StatusBadge } from './common';
import { statusLabel, syncTone } from './status';

interface Row {
  connection: Connection;
  last: SyncSummary | null;
}

/** Every connection with its source, streams and last sync. */
export function ConnectionList({ api }: { api: ConnectionsApi }) {
  const [rows, reload] = useLoadable<Row[]>(async () => {
    const connections = await api.connections();
    // The list does not carry the last sync: ask each connection's history for one entry.
    return Promise.all(
      connections.map(async (connection) => ({
        connection,
        last: (await api.syncs(connection.name, 1).catch(() => []))[0] ?? null,
      })),
    );
  }, 'connections');

  return (
    <div className="connection-list-page">
      <div className="toolbar">
        <h2>Connections</h2>
        <span className="spacer-flex" />
        <button type="button" className="small-button" onClick={reload}>
          Refresh
        </button>
        <a className="button-link" href="#/connections/new" data-testid="connection-new">
          New connection
        </a>
      </div>
      {rows.state === 'loading' && <p className="muted">Loading…</p>}
      {rows.state === 'error' && <PageError error={rows.message} testId="connection-error" />}
      {rows.state === 'ready' &&
        (rows.value.length === 0 ? (
          <p className="muted" data-testid="connection-list">
            No connections yet.
          </p>
        ) : (
          <table className="data-table" data-testid="connection-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Source</th>
                <th>Streams</th>
                <th>Destination</th>
                <th>Last sync</th>
                <th>Records</th>
              </tr>
            </thead>
            <tbody>
              {rows.value.map(({ connection, last }) => {
                const status = connection.runningSync ? 'RUNNING' : last?.status ?? '';
                return (
                  <tr key={connection.name} data-testid="connection-row" data-name={connection.name}>
                    <td>
                      <a href={`#/connections/${encodeURIComponent(connection.name)}`} data-testid="connection-link">
                        {connection.name}
                      </a>
                    </td>
                    <td>{connection.source.type}</td>
                    <td>{connection.streams.length}</td>
                    <td className="mono">{connection.destination.namespace}</td>
                    <td>
                      <StatusBadge tone={syncTone(status)} label={statusLabel(status)} status={status} testId="connection-status" />{' '}
                      <span className="muted">{last ? formatTimestamp(last.startedAt) : ''}</span>
                    </td>
                    <td>{last ? formatCount(last.recordsCommitted) : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </div>
  );
}
