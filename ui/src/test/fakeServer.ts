import { ApiClient } from '../api/client';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A JSON body, parsed. */
  body: unknown;
  /** Any other body (a Blob, bytes) as the client sent it. */
  raw?: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON. */
  text?: string;
  /** Sent as is instead of JSON, e.g. the bytes of an object. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

type Handler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

interface PatternRoute {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Settles with the handler's answer, or fails as fetch does when the request is aborted first. */
function answerUnlessAborted(answer: Promise<FakeResponse>, signal: AbortSignal | null | undefined): Promise<FakeResponse> {
  if (!signal) return answer;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A hand-written stand-in for the server's REST API: answers fetch calls from a route table and
 * records every request so tests can check headers and bodies.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly patterns: PatternRoute[] = [];

  on(method: string, path: string, handler: Handler | FakeResponse): this {
    this.routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  /** Answers requests whose path (without the query) matches, when no exact route does. */
  onMatch(method: string, pattern: RegExp, handler: Handler): this {
    this.patterns.push({ method, pattern, handler });
    return this;
  }

  private handlerFor(method: string, url: string): Handler | undefined {
    const exact = this.routes.get(`${method} ${url}`);
    if (exact) return exact;
    const path = url.split('?')[0];
    return this.patterns.find((route) => route.method === method && route.pattern.test(path))?.handler;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const contentType = headers['content-type'];
    const json = typeof init?.body === 'string' && (!contentType || contentType.includes('json'));
    const body = json ? JSON.parse(init.body as string) : undefined;
    const raw = json || init?.body == null ? undefined : init.body;
    const request: RecordedRequest = { method, path: url, headers, body, raw };
    this.requests.push(request);
    const handler = this.handlerFor(method, url);
    const answer = await answerUnlessAborted(
      Promise.resolve(
        handler
          ? handler(request)
          : { status: 404, body: { error: { code: 'NOT_FOUND', message: `No route ${method} ${url}` } } },
      ),
      init?.signal,
    );
    if (answer.status === 204) return new Response(null, { status: 204 });
    if (answer.bytes) return new Response(new Uint8Array(answer.bytes), { status: answer.status, headers: answer.headers });
    const text = answer.text ?? JSON.stringify(answer.body ?? {});
    return new Response(text, {
      status: answer.status,
      headers: { 'Content-Type': answer.text === undefined ? 'application/json' : 'text/plain', ...answer.headers },
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
