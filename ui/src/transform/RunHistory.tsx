import { useState } from 'react';
import type { TransformRun } from '../api/transform';
import { formatTimestamp } from '../format';
import { StatusBadge } from '../connections/common';
import { nodeStatusTone, runTimeline } from './manifest';

/** Past runs; the chosen run shows each node's status and timing as a Gantt chart. */
export function RunHistory({ runs, onSelectNode }: { runs: TransformRun[]; onSelectNode: (id: string) => void }) {
  const [openId, setOpenId] = useState<string | null>(runs[0]?.id ?? null);
  const open = runs.find((run) => run.id === openId) ?? runs[0];
  if (runs.length === 0) return <p className="muted" data-testid="transform-runs">No runs yet.</p>;
  return (
    <div className="run-history">
      <table className="data-table" data-testid="transform-runs">
        <thead>
          <tr><th>Started</th><th>Command</th><th>Result</th><th>Nodes</th><th>Time</th></tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="transform-run-row" data-run-id={run.id} data-success={String(run.success)}
              className={run.id === open?.id ? 'selected' : undefined}>
              <td>
                <button type="button" className="link-button" onClick={() => setOpenId(run.id)}>
                  {formatTimestamp(run.startedAt)}
                </button>
              </td>
              <td className="mono">{run.command}</td>
              <td>
                <StatusBadge tone={run.success ? 'ok' : 'bad'} label={run.success ? 'success' : 'failed'} status={run.success ? 'success' : 'error'} />
              </td>
              <td>{run.results.length}</td>
              <td>{run.elapsedSeconds.toFixed(2)} s</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <div className="run-timeline" data-testid="run-timeline" data-run-id={open.id}>
          {runTimeline(open).map((bar) => (
            <div key={bar.id} className="timeline-row" data-testid="run-node" data-id={bar.id} data-status={bar.status}>
              <button type="button" className="link-button timeline-label mono" onClick={() => onSelectNode(bar.id)} title={bar.id}>
                {bar.id.split('.').slice(-1)[0]}
              </button>
              <div className="timeline-track">
                <div
                  className={`timeline-bar tone-${nodeStatusTone(bar.status)}`}
                  style={{ marginLeft: `${(bar.start * 100).toFixed(2)}%`, width: `${Math.max(0.5, bar.length * 100).toFixed(2)}%` }}
                />
              </div>
              <span className="timeline-time">
                {bar.status} · {bar.seconds.toFixed(2)} s
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
