// Orchestration: assets, jobs, runs (with live events), schedules and sensors.
import type { ApiClient } from './client';
import { readEventStream } from './sse';

export interface Asset {
  key: string;
  kind: string;
  dependencies: string[];
  description: string;
  job: string | null;
  lastMaterialization: string | null;
  lastRunId: number | null;
  stale: boolean;
  running: boolean;
}

export interface JobSchedule {
  cron: string;
  timezone: string;
  enabled: boolean;
  nextTick: string | null;
  job?: string;
}

export interface Job {
  name: string;
  description: string;
  steps: { name: string; kind: string }[];
  schedule: JobSchedule | null;
  partitions: string | null;
  maxAttempts: number;
  sensors: string[];
  assets: string[];
}

export type RunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | string;

export interface Run {
  id: number;
  job: string;
  status: RunStatus;
  attempt: number;
  maxAttempts: number;
  trigger: string;
  triggerDetail: string;
  partitionFrom: string | null;
  partitionTo: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  cancelRequested: boolean;
  error: string | null;
}

export interface RunStep {
  index: number;
  name: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  endedAt: string | null;
  error: string | null;
}

export interface RunEvent {
  id: number;
  runId: number;
  time: string;
  kind: string;
  step: string | null;
  message: string;
}

export interface Backfill {
  id: number;
  job: string;
  partitions: number;
  runs: number;
}

export interface Sensor {
  name: string;
  job: string;
  enabled: boolean;
  kind: string;
  description: string;
}

const enc = encodeURIComponent;

export class OrchestrationApi {
  constructor(private readonly client: ApiClient) {}

  async assets(): Promise<Asset[]> {
    const body = await this.client.requestJson<{ assets?: Asset[] }>('GET', '/api/v1/assets');
    return body.assets ?? [];
  }

  materialize(key: string): Promise<Run> {
    return this.client.requestJson('POST', `/api/v1/assets/${enc(key)}/materialize`, { json: {} });
  }

  async jobs(): Promise<Job[]> {
    const body = await this.client.requestJson<{ jobs?: Job[] }>('GET', '/api/v1/jobs');
    return body.jobs ?? [];
  }

  launch(job: string, partition?: string): Promise<Run> {
    return this.client.requestJson('POST', `/api/v1/jobs/${enc(job)}/runs`, {
      json: partition ? { partition } : {},
    });
  }

  /** Enqueues the partitions `from`..`to` (inclusive) of a partitioned job as batched runs. */
  backfill(job: string, from: string, to: string): Promise<Backfill> {
    return this.client.requestJson('POST', `/api/v1/jobs/${enc(job)}/backfills`, { json: { from, to } });
  }

  /** Reads the pipelines folder again; resolves with the number of jobs. */
  async reload(): Promise<number> {
    const body = await this.client.requestJson<{ jobs?: number }>('POST', '/api/v1/pipelines/reload');
    return body.jobs ?? 0;
  }

  async runs(limit = 100, job?: string): Promise<Run[]> {
    const filter = job ? `&job=${enc(job)}` : '';
    const body = await this.client.requestJson<{ runs?: Run[] }>('GET', `/api/v1/runs?limit=${limit}${filter}`);
    return body.runs ?? [];
  }

  async run(id: number): Promise<Run & { steps: RunStep[] }> {
    const run = await this.client.requestJson<Run & { steps?: RunStep[] }>('GET', `/api/v1/runs/${id}`);
    return { ...run, steps: run.steps ?? [] };
  }

  async events(id: number, after = 0): Promise<RunEvent[]> {
    const body = await this.client.requestJson<{ events?: RunEvent[] }>('GET', `/api/v1/runs/${id}/events?after=${after}`);
    return body.events ?? [];
  }

  cancel(id: number): Promise<{ id: number; status: string }> {
    return this.client.requestJson('POST', `/api/v1/runs/${id}/cancel`);
  }

  /** Runs a finished run again as a new run, from `fromStep` or else from its first step not done. */
  reexecute(id: number, fromStep?: string): Promise<Run> {
    return this.client.requestJson('POST', `/api/v1/runs/${id}/reexecute`, { json: fromStep ? { fromStep } : {} });
  }

  /**
   * Follows a run's events over Server-Sent Events with the session token; resolves with the
   * finished run when the server sends `end`, or undefined when the stream closes otherwise.
   */
  async followEvents(
    id: number,
    after: number,
    onEvent: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<Run | undefined> {
    const response = await this.client.request('GET', `/api/v1/runs/${id}/events/stream?after=${after}`, {
      accept: 'text/event-stream',
      signal,
    });
    let finished: Run | undefined;
    await readEventStream(response, (message) => {
      if (message.event === 'event') onEvent(JSON.parse(message.data) as RunEvent);
      else if (message.event === 'end') finished = JSON.parse(message.data) as Run;
    });
    return finished;
  }

  async schedules(): Promise<JobSchedule[]> {
    const body = await this.client.requestJson<{ schedules?: JobSchedule[] }>('GET', '/api/v1/schedules');
    return body.schedules ?? [];
  }

  async setScheduleEnabled(job: string, enabled: boolean): Promise<void> {
    await this.client.request('POST', `/api/v1/schedules/${enc(job)}/${enabled ? 'enable' : 'disable'}`);
  }

  async sensors(): Promise<Sensor[]> {
    const body = await this.client.requestJson<{ sensors?: Sensor[] }>('GET', '/api/v1/sensors');
    return body.sensors ?? [];
  }

  async setSensorEnabled(name: string, enabled: boolean): Promise<void> {
    await this.client.request('POST', `/api/v1/sensors/${enc(name)}/${enabled ? 'enable' : 'disable'}`);
  }
}
