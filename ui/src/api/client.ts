import type {
  CatalogObject,
  CatalogObjectDetail,
  ErrorBody,
  Health,
  LoginResponse,
  Namespace,
  QueryRecord,
  SqlResult,
} from './types';
import { parseJson } from './json';

/** An error answer of the API, or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly line: number | null;
  readonly column: number | null;

  constructor(status: number, code: string, message: string, line: number | null = null, column: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

export interface Session {
  token: string;
  username: string;
  expiresAt: string;
}

export interface ApiClientOptions {
  /** Prefix for every path; empty means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  storage?: Storage;
  /** Called after any 401 answer (other than a failed login); the stored session is already cleared. */
  onUnauthorized?: () => void;
}

/** Options of a request whose answer the caller reads itself, e.g. object bytes. */
export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, e.g. a File or one slice of it; `contentType` names its type. */
  body?: BodyInit;
  contentType?: string;
  /** The Accept header; JSON unless given. */
  accept?: string;
  signal?: AbortSignal;
}

const SESSION_KEY = 'dp.session';

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function positionPart(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Turns a non-2xx response into an ApiError, using the server's error body when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // body unreadable: fall through to the status line
  }
  if (text) {
    try {
      const body: unknown = JSON.parse(text);
      if (isErrorBody(body)) {
        const { code, message, line, column } = body.error;
        return new ApiError(response.status, code || 'UNKNOWN', message, positionPart(line), positionPart(column));
      }
    } catch {
      // not JSON: use the status line below
    }
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, 'HTTP_ERROR', `Request failed: HTTP ${response.status}${statusText}`);
}

/** Client of the server's REST API. Keeps the session token in sessionStorage. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly storage: Storage;
  onUnauthorized: () => void;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage ?? window.sessionStorage;
    this.onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  session(): Session | null {
    const raw = this.storage.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      const session = JSON.parse(raw) as Session;
      if (typeof session.token !== 'string' || !session.token) return null;
      // A session past its expiry would only earn a 401: start at the login page instead.
      const expiresAt = Date.parse(session.expiresAt);
      if (!Number.isNaN(expiresAt) && expiresAt <= Date.now()) {
        this.clearSession();
        return null;
      }
      return session;
    } catch {
      return null;
    }
  }

  token(): string | null {
    return this.session()?.token ?? null;
  }

  clearSession(): void {
    this.storage.removeItem(SESSION_KEY);
  }

  async login(username: string, password: string): Promise<Session> {
    const response = await this.send('POST', '/api/v1/auth/login', { json: { username, password } }, false);
    const body = (await response.json()) as LoginResponse;
    const session: Session = { token: body.token, username: body.username, expiresAt: body.expiresAt };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  /** Ends the session on the server (best effort) and always forgets it locally. */
  async logout(): Promise<void> {
    try {
      if (this.token()) await this.send('POST', '/api/v1/auth/logout', {}, false);
    } catch {
      // the local session is dropped whatever the server says
    } finally {
      this.clearSession();
    }
  }

  async runSql(sql: string, limit: number): Promise<SqlResult> {
    const result = await this.json<Partial<SqlResult>>('POST', '/api/v1/sql', { sql, limit });
    const rows = result.rows ?? [];
    return {
      queryId: result.queryId ?? '',
      columns: result.columns ?? [],
      rows,
      rowCount: result.rowCount ?? rows.length,
      truncated: result.truncated ?? false,
      updateCount: result.updateCount ?? null,
      elapsedMillis: result.elapsedMillis ?? 0,
    };
  }

  async queries(limit = 100): Promise<QueryRecord[]> {
    const body = await this.json<{ queries: QueryRecord[] }>('GET', `/api/v1/queries?limit=${limit}`);
    return body.queries ?? [];
  }

  async namespaces(): Promise<Namespace[]> {
    const body = await this.json<{ namespaces: Namespace[] }>('GET', '/api/v1/catalog/namespaces');
    return body.namespaces ?? [];
  }

  async objects(namespace: string): Promise<CatalogObject[]> {
    const body = await this.json<{ objects: CatalogObject[] }>(
      'GET',
      `/api/v1/catalog/namespaces/${encodeURIComponent(namespace)}/objects`,
    );
    return body.objects ?? [];
  }

  async object(namespace: string, name: string): Promise<CatalogObjectDetail> {
    const detail = await this.json<CatalogObjectDetail>(
      'GET',
      `/api/v1/catalog/namespaces/${encodeURIComponent(namespace)}/objects/${encodeURIComponent(name)}`,
    );
    return {
      ...detail,
      columns: detail.columns ?? [],
      partitioning: detail.partitioning ?? [],
      snapshots: detail.snapshots ?? [],
      viewSql: detail.viewSql ?? null,
      location: detail.location ?? null,
      properties: detail.properties ?? {},
    };
  }

  health(): Promise<Health> {
    return this.json('GET', '/api/v1/health');
  }

  /** Sends an authenticated request and returns the successful answer; errors become ApiError. */
  request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    return this.send(method, path, options, true);
  }

  /** Like `request`, reading the answer as JSON (an empty answer is `{}`). */
  async requestJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options, true);
    const text = await response.text();
    return (text ? parseJson(text) : {}) as T;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, { json: body }, true);
    return parseJson(await response.text()) as T;
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
    reportUnauthorized: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType || 'application/octet-stream';
      body = options.body;
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, { method, headers, body, signal: options.signal });
    } catch (cause) {
      if (options.signal?.aborted) throw new ApiError(0, 'CANCELLED', 'The request was cancelled');
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(0, 'NETWORK_ERROR', `Cannot reach the server: ${reason}`);
    }
    if (response.ok) return response;
    const error = await errorFromResponse(response);
    if (response.status === 401 && reportUnauthorized) {
      this.clearSession();
      this.onUnauthorized();
    }
    throw error;
  }
}
