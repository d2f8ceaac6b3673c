import type { ApiClient } from '../api/client';
import type { CatalogObjectDetail, Snapshot } from '../api/types';
import { formatTimestamp, qualifiedName } from '../format';
import { useLoadable } from '../loadable';
import { navigate } from '../router';
import type { CatalogCache } from './CatalogCache';
import { CatalogOverview } from './CatalogOverview';
import { SchemaTree } from './SchemaTree';

interface CatalogPageProps {
  client: ApiClient;
  catalog: CatalogCache;
  namespace?: string;
  name?: string;
  /** Puts SQL into the workspace editor and shows it. */
  onOpenSql: (sql: string) => void;
}

export function CatalogPage({ client, catalog, namespace, name, onOpenSql }: CatalogPageProps) {
  return (
    <div className="workspace">
      <aside className="sidebar">
        <SchemaTree
          catalog={catalog}
          selected={{ namespace, name }}
          pickTitle="Show the catalog page"
          onPick={(ns, object) => navigate({ page: 'catalog', namespace: ns, name: object })}
        />
      </aside>
      <section className="catalog-main" data-testid="catalog-page">
        {namespace && name ? (
          <ObjectDetails client={client} namespace={namespace} name={name} onOpenSql={onOpenSql} />
        ) : (
          <CatalogOverview catalog={catalog} />
        )}
      </section>
    </div>
  );
}

function ObjectDetails({
  client,
  namespace,
  name,
  onOpenSql,
}: {
  client: ApiClient;
  namespace: string;
  name: string;
  onOpenSql: (sql: string) => void;
}) {
  const [detail] = useLoadable(() => client.object(namespace, name), `${namespace}\u0000${name}`);
  if (detail.state === 'loading') return <div className="placeholder">Loading…</div>;
  if (detail.state === 'error')
    return (
      <div className="error-panel" role="alert">
        <pre className="error-message">{detail.message}</pre>
      </div>
    );
  return <ObjectView detail={detail.value} onOpenSql={onOpenSql} />;
}

export function ObjectView({ detail, onOpenSql }: { detail: CatalogObjectDetail; onOpenSql: (sql: string) => void }) {
  const fullName = qualifiedName(detail.namespace, detail.name);
  const properties = Object.entries(detail.properties ?? {});
  return (
    <article className="object-view">
      <header className="object-header">
        <h1>
          <span className="muted">{detail.namespace}.</span>
          {detail.name}
        </h1>
        <span className={`badge kind-${detail.kind.toLowerCase()}`}>{detail.kind}</span>
        <span className="spacer-flex" />
        <button type="button" onClick={() => onOpenSql(`SELECT *\nFROM ${fullName}\nLIMIT 100`)}>
          Query in SQL editor
        </button>
      </header>
      {detail.location && (
        <div className="muted location" title="Location">
          {detail.location}
        </div>
      )}

      <h2>Columns ({detail.columns.length})</h2>
      <table className="data-table" data-testid="catalog-columns">
        <thead>
          <tr>
            <th>#</th>
            <th>Name</th>
            <th>Type</th>
            <th>Nullable</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {detail.columns.map((column) => (
            <tr key={column.id ?? column.name}>
              <td className="muted">{column.id}</td>
              <td className="mono">{column.name}</td>
              <td className="mono">{column.type}</td>
              <td>{column.nullable ? 'yes' : 'no'}</td>
              <td>{column.doc ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {detail.kind === 'TABLE' && (
        <>
          <h2>Partitioning</h2>
          {detail.partitioning?.length ? (
            <ul className="chips" data-testid="catalog-partitioning">
              {detail.partitioning.map((field) => (
                <li key={field} className="chip mono">
                  {field}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Not partitioned</p>
          )}
          <h2>Snapshots ({detail.snapshots?.length ?? 0})</h2>
          <SnapshotTable snapshots={detail.snapshots ?? []} />
        </>
      )}

      {detail.viewSql && (
        <>
          <h2>View SQL</h2>
          <pre className="code-block" data-testid="catalog-view-sql">
            {detail.viewSql}
          </pre>
        </>
      )}

      {properties.length > 0 && (
        <>
          <h2>Properties</h2>
          <table className="data-table compact">
            <tbody>
              {properties.map(([key, value]) => (
                <tr key={key}>
                  <td className="mono">{key}</td>
                  <td className="mono">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </article>
  );
}

function SnapshotTable({ snapshots }: { snapshots: Snapshot[] }) {
  if (snapshots.length === 0) return <p className="muted">No snapshots yet</p>;
  // Newest first.
  const ordered = [...snapshots].sort((a, b) => new Date(b.timestamp).getTime() - new Date(a.timestamp).getTime());
  return (
    <table className="data-table" data-testid="catalog-snapshots">
      <thead>
        <tr>
          <th>Snapshot</th>
          <th>Parent</th>
          <th>Time</th>
          <th>Operation</th>
          <th>Summary</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((snapshot) => (
          <tr key={String(snapshot.snapshotId)}>
            <td className="mono">{String(snapshot.snapshotId)}</td>
            <td className="mono muted">{snapshot.parentId === null ? '–' : String(snapshot.parentId)}</td>
            <td className="nowrap">{formatTimestamp(snapshot.timestamp)}</td>
            <td>{snapshot.operation ?? ''}</td>
            <td className="summary">
              {Object.entries(snapshot.summary ?? {}).map(([key, value]) => (
                <span key={key} className="summary-entry">
                  <span className="muted">{key}</span>={value}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
