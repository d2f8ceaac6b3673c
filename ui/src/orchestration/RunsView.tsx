import { useEffect, useState } from 'react';
import type { OrchestrationApi, Run, RunEvent, RunStep } from '../api/orchestration';
import { formatTimestamp } from '../format';
import { navigate } from '../router';
import { PageError, StatusBadge } from '../connections/common';
import { isFinished, statusLabel, syncTone } from '../connections/status';
import { runBars } from './assets';

/** Runs on a timeline, and the chosen run with its steps and live log. */
export function RunsView({ api, runs, selected, onChanged }: { api: OrchestrationApi; runs: Run[]; selected?: string; onChanged: () => void }) {
  const { bars } = runBars(runs, Date.now());
  return (
    <div className="split">
      <div className="split-main">
        <div className="run-timeline" data-testid="run-list">
          {bars.map(({ run, start, length }) => (
            <div key={run.id} className={`timeline-row${String(run.id) === selected ? ' selected' : ''}`} data-testid="run-row"
              data-run-id={run.id} data-job={run.job} data-status={run.status}>
              <button type="button" className="link-button timeline-label" onClick={() => navigate({ page: 'orchestration', tab: 'runs', id: String(run.id) })}>
                #{run.id} {run.job}
              </button>
              <div className="timeline-track">
                <div className={`timeline-bar tone-${syncTone(run.status)}`}
                  style={{ marginLeft: `${(start * 100).toFixed(2)}%`, width: `${Math.max(0.5, length * 100).toFixed(2)}%` }} />
              </div>
              <span className="timeline-time">
                <StatusBadge tone={syncTone(run.status)} label={statusLabel(run.status)} status={run.status} /> {formatTimestamp(run.startedAt ?? run.createdAt)}
              </span>
            </div>
          ))}
          {bars.length === 0 && <p className="muted">No runs yet.</p>}
        </div>
      </div>
      <aside className="split-side">
        {selected ? <RunDetail key={selected} api={api} id={Number(selected)} onChanged={onChanged} /> : <p className="muted">Choose a run.</p>}
      </aside>
    </div>
  );
}

function RunDetail({ api, id, onChanged }: { api: OrchestrationApi; id: number; onChanged: () => void }) {
  const [run, setRun] = useState<(Run & { steps: RunStep[] }) | null>(null);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    let lastId = 0;
    const add = (event: RunEvent) => {
      if (event.id <= lastId) return;
      lastId = event.id;
      setEvents((list) => [...list, event]);
    };
    (async () => {
      try {
        const first = await api.run(id);
        setRun(first);
        (await api.events(id)).forEach(add);
        if (isFinished(first.status)) return;
        setLive(true);
        await api.followEvents(id, lastId, add, controller.signal);
        setRun(await api.run(id));
        onChanged();
      } catch (cause) {
        if (!controller.signal.aborted) setError(cause);
      } finally {
        if (!controller.signal.aborted) setLive(false);
      }
    })();
    return () => controller.abort();
  }, [api, id]);

  if (error != null && !run) return <PageError error={error} testId="orchestration-error" />;
  if (!run) return <p className="muted">Loading…</p>;
  return (
    <div data-testid="run-detail" data-run-id={run.id} data-status={run.status}>
      <h3>
        Run #{run.id} <span className="mono">{run.job}</span>{' '}
        <StatusBadge tone={syncTone(run.status)} label={statusLabel(run.status)} status={run.status} testId="run-status" />
      </h3>
      <p className="muted">
        {run.trigger} {run.triggerDetail} · attempt {run.attempt}/{run.maxAttempts}
        {run.partitionFrom && <> · partition {run.partitionFrom}{run.partitionTo && run.partitionTo !== run.partitionFrom ? `…${run.partitionTo}` : ''}</>}
      </p>
      {run.error && <pre className="error-message" data-testid="run-error">{run.error}</pre>}
      {error != null && <PageError error={error} testId="orchestration-error" onDismiss={() => setError(null)} />}
      {!isFinished(run.status) && (
        <button type="button" className="small-button danger-button" data-testid="run-cancel"
          onClick={() => api.cancel(run.id).then(onChanged, setError)}>
          Cancel run
        </button>
      )}
      {(run.status === 'FAILED' || run.status === 'CANCELED') && (
        <button type="button" className="small-button" data-testid="run-reexecute"
          title={failedStep(run.steps) ? `Runs the job again from step ${failedStep(run.steps)}; the steps before it count as done` : undefined}
          onClick={() => api.reexecute(run.id).then((next) => {
            onChanged();
            navigate({ page: 'orchestration', tab: 'runs', id: String(next.id) });
          }, setError)}>
          Re-execute from {failedStep(run.steps) ? <span className="mono">{failedStep(run.steps)}</span> : 'the failed step'}
        </button>
      )}
      <table className="data-table" data-testid="run-steps">
        <thead><tr><th>Step</th><th>Status</th><th>Attempts</th><th>Started</th><th>Ended</th></tr></thead>
        <tbody>
          {run.steps.map((step) => (
            <tr key={step.index} data-testid="run-step" data-step={step.name} data-status={step.status}>
              <td className="mono">{step.name}</td>
              <td><StatusBadge tone={syncTone(step.status)} label={statusLabel(step.status)} status={step.status} /></td>
              <td>{step.attempts}</td>
              <td>{formatTimestamp(step.startedAt)}</td>
              <td>{formatTimestamp(step.endedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Log {live && <span className="chip" data-testid="run-live">live</span>}</h4>
      <pre className="log-view" data-testid="run-log">
        {events.map((event) => `${formatTimestamp(event.time)} ${event.kind}${event.step ? ` [${event.step}]` : ''} ${event.message}`).join('\n')}
      </pre>
    </div>
  );
}

/** The first step that did not succeed: where a re-execution starts. */
function failedStep(steps: RunStep[]): string | undefined {
  return [...steps].sort((a, b) => a.index - b.index).find((step) => step.status !== 'SUCCEEDED')?.name;
}
