// Connectors, connections and syncs (/api/v1/connectors, /api/v1/connections, /api/v1/syncs).
import type { ApiClient } from './client';

/** A JSON Schema property as connector specs use it; `secret: true` marks a password or key. */
export interface SpecProperty {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  secret?: boolean;
  items?: SpecProperty;
  properties?: Record<string, SpecProperty>;
  required?: string[];
}

export interface ConnectorSpecSchema extends SpecProperty {
  properties?: Record<string, SpecProperty>;
  required?: string[];
}

export interface ConnectorInfo {
  type: string;
  title: string;
  documentation: string;
  spec: ConnectorSpecSchema;
}

export type SyncModeName =
  | 'full_refresh_overwrite'
  | 'full_refresh_append'
  | 'incremental_append'
  | 'incremental_dedup'
  | 'cdc';

export interface ConnectionStream {
  name: string;
  mode: SyncModeName;
  cursor?: string;
  primary_key?: string[];
  table?: string;
}

/** A connection in the layout of a connection file; secrets come back as "********". */
export interface Connection {
  name: string;
  source: Record<string, unknown> & { type: string };
  destination: { namespace: string; deletes?: 'hard' | 'soft' };
  streams: ConnectionStream[];
  schedule?: string;
  runningSync?: string | null;
  /** CDC connections: what the connector keeps at the source (PostgreSQL: the slot and its lag). */
  sourceStatus?: SourceStatus;
}

export interface SourceStatus {
  slot_name?: string;
  slot_exists?: boolean;
  slot_active?: boolean;
  confirmed_flush_lsn?: string;
  lag_bytes?: number;
  error?: string;
  [key: string]: unknown;
}

export interface CheckResult {
  success: boolean;
  message: string;
}

export interface DiscoveredColumn {
  name: string;
  type: string;
  sourceType: string;
  nullable: boolean;
}

export interface DiscoveredStream {
  name: string;
  columns: DiscoveredColumn[];
  primaryKey: string[];
  cursorCandidates: string[];
  defaultCursor: string | null;
  syncModes: SyncModeName[];
}

export type SyncStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface StreamReport {
  stream: string;
  table: string;
  status: SyncStatus;
  recordsRead: number;
  recordsCommitted: number;
  bytesCommitted: number;
  commits: number;
  error: string | null;
}

/** One line of a connection's sync history. */
export interface SyncSummary {
  syncId: string;
  connection: string;
  status: SyncStatus;
  startedAt: string;
  endedAt: string | null;
  recordsCommitted: number;
  bytesCommitted: number;
  error: string | null;
}

/** A sync with its streams and log, live while it runs. */
export interface SyncDetail {
  syncId: string;
  connection: string;
  status: SyncStatus;
  startedAt: string;
  endedAt: string | null;
  durationMillis: number;
  recordsCommitted: number;
  error: string | null;
  streams: StreamReport[];
  log: string[];
}

const enc = encodeURIComponent;

export class ConnectionsApi {
  constructor(private readonly client: ApiClient) {}

  async connectors(): Promise<ConnectorInfo[]> {
    const body = await this.client.requestJson<{ connectors?: ConnectorInfo[] }>('GET', '/api/v1/connectors');
    return body.connectors ?? [];
  }

  /** Tries settings that are not saved yet. */
  checkSettings(type: string, settings: Record<string, unknown>): Promise<CheckResult> {
    return this.client.requestJson('POST', `/api/v1/connectors/${enc(type)}/check`, { json: settings });
  }

  async discoverSettings(type: string, settings: Record<string, unknown>): Promise<DiscoveredStream[]> {
    const body = await this.client.requestJson<{ streams?: DiscoveredStream[] }>(
      'POST',
      `/api/v1/connectors/${enc(type)}/discover`,
      { json: settings },
    );
    return body.streams ?? [];
  }

  async connections(): Promise<Connection[]> {
    const body = await this.client.requestJson<{ connections?: Connection[] }>('GET', '/api/v1/connections');
    return body.connections ?? [];
  }

  connection(name: string): Promise<Connection> {
    return this.client.requestJson('GET', `/api/v1/connections/${enc(name)}`);
  }

  /** Creates or replaces a connection; a secret sent as "********" keeps its stored value. */
  save(connection: Connection): Promise<Connection & { applied?: 'created' | 'updated' }> {
    return this.client.requestJson('POST', '/api/v1/connections', { json: connection });
  }

  async remove(name: string): Promise<void> {
    await this.client.request('DELETE', `/api/v1/connections/${enc(name)}`);
  }

  check(name: string): Promise<CheckResult> {
    return this.client.requestJson('POST', `/api/v1/connections/${enc(name)}/check`);
  }

  /**
   * Starts a sync; `reset` reads every stream (`true`) or the streams named from the start, their
   * tables' rows replaced by the first commit.
   */
  startSync(name: string, reset?: true | string[]): Promise<SyncDetail> {
    const options = reset === undefined ? {} : { json: { reset } };
    return this.client.requestJson('POST', `/api/v1/connections/${enc(name)}/syncs`, options);
  }

  async syncs(name: string, limit = 50): Promise<SyncSummary[]> {
    const body = await this.client.requestJson<{ syncs?: SyncSummary[] }>(
      'GET',
      `/api/v1/connections/${enc(name)}/syncs?limit=${limit}`,
    );
    return body.syncs ?? [];
  }

  sync(id: string): Promise<SyncDetail> {
    return this.client.requestJson('GET', `/api/v1/syncs/${enc(id)}`);
  }

  async cancelSync(id: string): Promise<void> {
    await this.client.request('POST', `/api/v1/syncs/${enc(id)}/cancel`);
  }
}
