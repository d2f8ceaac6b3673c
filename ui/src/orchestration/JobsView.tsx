import { useState } from 'react';
import type { Backfill, Job, OrchestrationApi } from '../api/orchestration';
import { PageError } from '../connections/common';

interface JobsViewProps {
  api: OrchestrationApi;
  jobs: Job[];
  onLaunch: (job: string, partition: string) => void;
  onChanged: () => Promise<void> | void;
}

/** The jobs of the pipelines folder: launch one, backfill a partitioned one, read the folder again. */
export function JobsView({ api, jobs, onLaunch, onChanged }: JobsViewProps) {
  const [partitions, setPartitions] = useState<Record<string, string>>({});
  const [reloaded, setReloaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = async () => {
    try {
      setReloaded(await api.reload());
      setError(null);
      await onChanged();
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <div data-testid="jobs-view">
      <div className="toolbar">
        <button type="button" className="small-button" data-testid="pipelines-reload" onClick={() => void reload()}>
          Reload pipelines
        </button>
        {reloaded != null && <span className="muted" data-testid="pipelines-reloaded">{reloaded} jobs read</span>}
      </div>
      {error != null && <PageError error={error} testId="orchestration-error" onDismiss={() => setError(null)} />}
      <table className="data-table" data-testid="job-list">
        <thead><tr><th>Job</th><th>Steps</th><th>Schedule</th><th>Partitions</th><th /></tr></thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.name} data-testid="job-row" data-job={job.name}>
              <td>
                <span className="mono">{job.name}</span>
                <div className="muted">{job.description}</div>
              </td>
              <td>{job.steps.map((step) => `${step.name} (${step.kind})`).join(' → ')}</td>
              <td className="mono">{job.schedule ? `${job.schedule.cron}${job.schedule.enabled ? '' : ' (off)'}` : '–'}</td>
              <td>
                {job.partitions ? (
                  <>
                    <input data-testid="job-partition" placeholder={job.partitions} value={partitions[job.name] ?? ''}
                      onChange={(e) => setPartitions({ ...partitions, [job.name]: e.target.value })} />
                    <BackfillForm api={api} job={job} onDone={onChanged} />
                  </>
                ) : '–'}
              </td>
              <td>
                <button type="button" className="primary" data-testid="job-launch" onClick={() => onLaunch(job.name, partitions[job.name] ?? '')}>
                  Launch
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** From/to partition keys of a backfill; the server plans them into batched runs. */
function BackfillForm({ api, job, onDone }: { api: OrchestrationApi; job: Job; onDone: () => Promise<void> | void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Backfill | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setResult(await api.backfill(job.name, from.trim(), (to.trim() || from).trim()));
      setError(null);
      await onDone();
    } catch (cause) {
      setResult(null);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form backfill-form" data-testid="backfill-form" onSubmit={(e) => void submit(e)}>
      <input data-testid="backfill-from" aria-label={`Backfill ${job.name} from`} placeholder="from" required
        value={from} onChange={(e) => setFrom(e.target.value)} />
      <input data-testid="backfill-to" aria-label={`Backfill ${job.name} to`} placeholder="to"
        value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="submit" className="small-button" data-testid="backfill-submit" disabled={busy || from.trim() === ''}>
        Backfill
      </button>
      {result && (
        <span className="muted" data-testid="backfill-result" data-backfill-id={result.id}>
          backfill #{result.id}: {result.partitions} partitions in {result.runs} runs
        </span>
      )}
      {error != null && <PageError error={error} testId="backfill-error" onDismiss={() => setError(null)} />}
    </form>
  );
}
