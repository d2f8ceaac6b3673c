import type { Manifest, TransformRun } from '../api/transform';
import { compiledSql, findNode, nodeLabel, nodeStatusTone, testsOf } from './manifest';
import { StatusBadge } from '../connections/common';

/** A model's or source's documentation, columns, compiled SQL and tests. */
export function NodeDetail({ manifest, runs, id, statuses }: { manifest: Manifest; runs: TransformRun[]; id: string; statuses: Map<string, string> }) {
  const node = findNode(manifest, id);
  if (!node) return <p className="muted">No node {id} in this project.</p>;
  const sql = compiledSql(manifest, runs, id);
  const tests = testsOf(manifest, id);
  const columns = Object.values(node.columns ?? {});
  const status = statuses.get(id);
  return (
    <div className="node-detail" data-testid="node-detail" data-id={id}>
      <h3>
        {nodeLabel(node)} <span className="muted">{node.resource_type}</span>
        {node.config?.materialized && <span className="chip">{String(node.config.materialized)}</span>}
        {status && <StatusBadge tone={nodeStatusTone(status)} label={status} status={status} testId="node-status" />}
      </h3>
      <p className="muted mono">
        {node.schema ? `${node.schema}.${node.alias ?? node.identifier ?? node.name}` : ''} {node.original_file_path ?? ''}
      </p>
      <p data-testid="node-description">{node.description || <span className="muted">No description.</span>}</p>
      <h4>Columns</h4>
      {columns.length === 0 ? (
        <p className="muted">No documented columns.</p>
      ) : (
        <table className="data-table" data-testid="node-columns">
          <thead>
            <tr><th>Column</th><th>Type</th><th>Description</th></tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.name} data-testid="node-column" data-column={column.name}>
                <td className="mono">{column.name}</td>
                <td className="mono">{column.data_type ?? ''}</td>
                <td>{column.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tests.length > 0 && (
        <>
          <h4>Tests</h4>
          <ul className="test-list" data-testid="node-tests">
            {tests.map((test) => (
              <li key={test.unique_id} data-testid="node-test" data-id={test.unique_id}>
                <span className="mono">{test.name}</span>{' '}
                {statuses.get(test.unique_id) && (
                  <StatusBadge tone={nodeStatusTone(statuses.get(test.unique_id))} label={statuses.get(test.unique_id)!} status={statuses.get(test.unique_id)!} />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {node.resource_type !== 'source' && (
        <>
          <h4>Compiled SQL</h4>
          {sql ? (
            <pre className="code-block" data-testid="compiled-sql">{sql}</pre>
          ) : (
            <p className="muted" data-testid="compiled-sql-missing">Not compiled yet; run the project to see its SQL.</p>
          )}
          {node.raw_code && (
            <details>
              <summary>Source SQL</summary>
              <pre className="code-block" data-testid="raw-sql">{node.raw_code}</pre>
            </details>
          )}
        </>
      )}
    </div>
  );
}
