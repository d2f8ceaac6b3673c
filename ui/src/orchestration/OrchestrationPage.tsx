import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { OrchestrationApi, type Asset, type Job, type JobSchedule, type Run, type Sensor } from '../api/orchestration';
import { navigate, type OrchestrationTab } from '../router';
import { PageError } from '../connections/common';
import { AssetGraph } from './AssetGraph';
import { JobsView } from './JobsView';
import { RunsView } from './RunsView';
import { TriggersView } from './TriggersView';

interface OrchestrationPageProps {
  client: ApiClient;
  tab: OrchestrationTab;
  id?: string;
  /** Milliseconds between refreshes of statuses. */
  refreshMillis?: number;
}

const TABS: { tab: OrchestrationTab; label: string }[] = [
  { tab: 'assets', label: 'Assets' },
  { tab: 'runs', label: 'Runs' },
  { tab: 'schedules', label: 'Schedules & sensors' },
  { tab: 'jobs', label: 'Jobs' },
];

interface State {
  assets: Asset[];
  runs: Run[];
  jobs: Job[];
  schedules: JobSchedule[];
  sensors: Sensor[];
}

/** Orchestration: asset graph, runs, schedules and sensors, and jobs to launch. */
export function OrchestrationPage({ client, tab, id, refreshMillis = 5000 }: OrchestrationPageProps) {
  const api = useMemo(() => new OrchestrationApi(client), [client]);
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [assets, runs, jobs, schedules, sensors] = await Promise.all([api.assets(), api.runs(100), api.jobs(), api.schedules(), api.sensors()]);
      setState({ assets, runs, jobs, schedules, sensors });
      setError(null);
    } catch (cause) {
      setError(cause);
    }
  }, [api]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), refreshMillis);
    return () => window.clearInterval(timer);
  }, [load, refreshMillis]);

  const launch = async (job: string, partition: string) => {
    try {
      const run = await api.launch(job, partition.trim() || undefined);
      await load();
      navigate({ page: 'orchestration', tab: 'runs', id: String(run.id) });
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <section className="data-page orchestration-page" data-testid="orchestration-page">
      <div className="toolbar tabs">
        {TABS.map((entry) => (
          <a key={entry.tab} href={`#/orchestration/${entry.tab}`} data-testid={`tab-${entry.tab}`} className={entry.tab === tab ? 'active' : undefined}>
            {entry.label}
          </a>
        ))}
      </div>
      {error != null && <PageError error={error} testId="orchestration-error" onDismiss={() => setError(null)} />}
      {!state && !error && <p className="muted">Loading…</p>}
      {state && tab === 'assets' && <AssetGraph api={api} assets={state.assets} selected={id} onChanged={load} />}
      {state && tab === 'runs' && <RunsView api={api} runs={state.runs} selected={id} onChanged={load} />}
      {state && tab === 'schedules' && <TriggersView api={api} schedules={state.schedules} sensors={state.sensors} onChanged={load} />}
      {state && tab === 'jobs' && <JobsView api={api} jobs={state.jobs} onLaunch={launch} onChanged={load} />}
    </section>
  );
}
