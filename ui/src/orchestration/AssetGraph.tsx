import { useMemo, useState } from 'react';
import type { Asset, OrchestrationApi } from '../api/orchestration';
import { formatTimestamp } from '../format';
import { navigate } from '../router';
import { PageError, StatusBadge } from '../connections/common';
import { GraphView } from '../transform/GraphView';
import { layoutGraph } from '../transform/graphLayout';
import { assetState, filterAssets, namespaceOf, STATE_TONE, stateCounts, type AssetFilter, type AssetState } from './assets';

/** The asset graph with each asset's state; only what is in view is drawn. */
export function AssetGraph({ api, assets, selected, onChanged }: { api: OrchestrationApi; assets: Asset[]; selected?: string; onChanged: () => void }) {
  const [filter, setFilter] = useState<AssetFilter>({ text: '', namespace: '', state: '' });
  const [error, setError] = useState<unknown>(null);
  const byKey = useMemo(() => new Map(assets.map((asset) => [asset.key, asset])), [assets]);
  const namespaces = useMemo(() => [...new Set(assets.map((a) => namespaceOf(a.key)))].sort(), [assets]);
  const shown = useMemo(() => filterAssets(assets, filter), [assets, filter]);
  // Laid out once per asset list and filter, not per scroll or status poll.
  const structure = shown.map((a) => a.key).join('\n');
  const layout = useMemo(
    () => layoutGraph(shown.map((a) => a.key), shown.flatMap((a) => a.dependencies.map((from) => ({ from, to: a.key })))),
    [structure],
  );
  const counts = stateCounts(assets);
  const asset = selected ? byKey.get(selected) : undefined;

  const materialize = async (key: string) => {
    setError(null);
    try {
      const run = await api.materialize(key);
      onChanged();
      navigate({ page: 'orchestration', tab: 'runs', id: String(run.id) });
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <div className="split">
      <div className="split-main">
        <div className="toolbar">
          <input className="filter-input" placeholder="Filter assets" data-testid="asset-filter" value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
          <select data-testid="asset-namespace" value={filter.namespace} onChange={(e) => setFilter({ ...filter, namespace: e.target.value })}>
            <option value="">All namespaces</option>
            {namespaces.map((ns) => <option key={ns} value={ns}>{ns || '(none)'}</option>)}
          </select>
          <select data-testid="asset-state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as AssetState | '' })}>
            <option value="">Any state</option>
            {(Object.keys(counts) as AssetState[]).map((state) => <option key={state} value={state}>{state} ({counts[state]})</option>)}
          </select>
          <span className="muted" data-testid="asset-count">{shown.length} of {assets.length} assets</span>
        </div>
        {error != null && <PageError error={error} testId="orchestration-error" onDismiss={() => setError(null)} />}
        <GraphView
          layout={layout}
          testId="asset-graph"
          nodeTestId="asset-node"
          selected={selected ?? null}
          onSelect={(key) => navigate({ page: 'orchestration', tab: 'assets', id: key })}
          label={(key) => key}
          nodeClass={(key) => {
            const found = byKey.get(key);
            const state = found ? assetState(found) : 'never';
            return `tone-${STATE_TONE[state]} state-${state}`;
          }}
        />
      </div>
      <aside className="split-side">
        {asset ? (
          <div data-testid="asset-detail" data-key={asset.key}>
            <h3 className="mono">{asset.key}</h3>
            <StatusBadge tone={STATE_TONE[assetState(asset)]} label={assetState(asset)} status={assetState(asset)} testId="asset-status" />
            <p>{asset.description || <span className="muted">No description.</span>}</p>
            <dl className="facts">
              <dt>Kind</dt><dd>{asset.kind}</dd>
              <dt>Job</dt><dd>{asset.job ?? '–'}</dd>
              <dt>Last materialization</dt>
              <dd data-testid="asset-last">{formatTimestamp(asset.lastMaterialization)}
                {asset.lastRunId != null && <> (<a href={`#/orchestration/runs/${asset.lastRunId}`}>run {asset.lastRunId}</a>)</>}
              </dd>
              <dt>Depends on</dt><dd className="mono">{asset.dependencies.join(', ') || '–'}</dd>
            </dl>
            <button type="button" className="primary" data-testid="asset-materialize" onClick={() => materialize(asset.key)}>
              Materialize
            </button>
          </div>
        ) : (
          <p className="muted">Choose an asset in the graph.</p>
        )}
      </aside>
    </div>
  );
}
