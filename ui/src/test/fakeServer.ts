import { ApiClient } from '../api/client';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON. */
  text?: string;
}

type Handler = (request: RecordedRequest) => FakeResponse;

/**
 * A hand-written stand-in for the server's REST API: answers fetch calls from a route table and
 * records every request so tests can check headers and bodies.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();

  on(method: string, path: string, handler: Handler | FakeResponse): this {
    this.routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: RecordedRequest = { method, path: url, headers, body };
    this.requests.push(request);
    const handler = this.routes.get(`${method} ${url}`);
    const answer: FakeResponse = handler
      ? handler(request)
      : { status: 404, body: { error: { code: 'NOT_FOUND', message: `No route ${method} ${url}` } } };
    if (answer.status === 204) return new Response(null, { status: 204 });
    const text = answer.text ?? JSON.stringify(answer.body ?? {});
    return new Response(text, {
      status: answer.status,
      headers: { 'Content-Type': answer.text === undefined ? 'application/json' : 'text/plain' },
    });
  };

  client(onUnauthorized?: () => void): ApiClient {
    return new ApiClient({ fetch: this.fetch, storage: window.sessionStorage, onUnauthorized });
  }

  /** Routes for a logged-in user "alice" with password "secret". */
  withLogin(): this {
    return this.on('POST', '/api/v1/auth/login', (request) => {
      const { username, password } = request.body as { username: string; password: string };
      return username === 'alice' && password === 'secret'
        ? { status: 200, body: { token: 'token-1', username: 'alice', expiresAt: '2030-01-01T00:00:00Z' } }
        : { status: 401, body: { error: { code: 'NOT_AUTHENTICATED', message: 'Invalid username or password' } } };
    })
      .on('POST', '/api/v1/auth/logout', { status: 204 })
      .on('GET', '/api/v1/health', { status: 200, body: { status: 'UP', version: '0.1.0' } });
  }
}

export function signIn(): void {
  window.sessionStorage.setItem(
    'dp.session',
    JSON.stringify({ token: 'token-1', username: 'alice', expiresAt: '2030-01-01T00:00:00Z' }),
  );
}
