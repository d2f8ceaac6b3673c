// Transformations: the project's manifest (dbt manifest.json v12 layout), run history (dbt
// run_results.json v6 entries) and runs (POST /api/v1/transform/runs, newline-delimited JSON).
import type { ApiClient } from './client';
import { ApiError } from './client';

export interface ManifestColumn {
  name: string;
  description?: string;
  data_type?: string | null;
}

/** A model, seed, snapshot, test or source of the manifest. */
export interface ManifestNode {
  unique_id: string;
  name: string;
  resource_type: string;
  schema?: string;
  alias?: string;
  description?: string;
  original_file_path?: string;
  columns?: Record<string, ManifestColumn>;
  depends_on?: { nodes?: string[] };
  config?: { materialized?: string; [key: string]: unknown };
  raw_code?: string;
  compiled_code?: string;
  tags?: string[];
  source_name?: string;
  identifier?: string;
  attached_node?: string;
}

export interface Manifest {
  metadata?: { generated_at?: string; [key: string]: unknown };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, ManifestNode>;
  docs?: Record<string, { name: string; block_contents: string }>;
}

export interface RunTiming {
  name: string;
  started_at: string;
  completed_at: string;
}

/** One node of a run, as in run_results.json. */
export interface NodeRunResult {
  unique_id: string;
  status: string;
  execution_time: number;
  message?: string | null;
  failures?: number | null;
  timing?: RunTiming[];
  compiled_code?: string;
  thread_id?: string;
}

export interface TransformRun {
  id: string;
  command: string;
  startedAt: string;
  elapsedSeconds: number;
  success: boolean;
  results: NodeRunResult[];
}

export interface TransformProject {
  name: string;
  path: string;
}

/** The last line of a run's stream: every node's status. */
export interface RunSummary {
  command: string;
  success: boolean;
  nodes: { uniqueId: string; status: string; message: string; failures: number; seconds: number }[];
}

export interface RunRequest {
  project: string;
  command: string;
  select?: string[];
  full_refresh?: boolean;
  threads?: number;
}

const enc = encodeURIComponent;

export class TransformApi {
  constructor(private readonly client: ApiClient) {}

  /** Projects the server knows (GET /api/v1/transform/projects). */
  async projects(): Promise<TransformProject[]> {
    const body = await this.client.requestJson<{ projects?: TransformProject[] }>('GET', '/api/v1/transform/projects');
    return body.projects ?? [];
  }

  /** The parsed project (GET /api/v1/transform/manifest?project=PATH). */
  async manifest(project: string): Promise<Manifest> {
    const body = await this.client.requestJson<Partial<Manifest>>('GET', `/api/v1/transform/manifest?project=${enc(project)}`);
    return { ...body, nodes: body.nodes ?? {}, sources: body.sources ?? {} };
  }

  /** Past runs, newest first (GET /api/v1/transform/runs?project=PATH&limit=N). */
  async runs(project: string, limit = 20): Promise<TransformRun[]> {
    const body = await this.client.requestJson<{ runs?: TransformRun[] }>(
      'GET',
      `/api/v1/transform/runs?project=${enc(project)}&limit=${limit}`,
    );
    return body.runs ?? [];
  }

  /** Runs a command; `onLine` gets the console while nodes finish. */
  async run(request: RunRequest, onLine: (line: string) => void): Promise<RunSummary> {
    const response = await this.client.request('POST', '/api/v1/transform/runs', {
      json: request,
      accept: 'application/x-ndjson',
    });
    let summary: RunSummary | null = null;
    await readLines(response, (line) => {
      if (!line.trim()) return;
      const message = JSON.parse(line) as { line?: string; result?: RunSummary };
      if (typeof message.line === 'string') onLine(message.line);
      if (message.result) summary = message.result;
    });
    if (!summary) throw new ApiError(0, 'INCOMPLETE', 'The run ended without a result; see the console');
    return summary;
  }
}

/** Calls `onLine` for each newline-terminated line of the body, and the rest at the end. */
export async function readLines(response: Response, onLine: (line: string) => void): Promise<void> {
  if (!response.body) {
    (await response.text()).split('\n').forEach(onLine);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  buffered += decoder.decode();
  if (buffered) onLine(buffered);
}
