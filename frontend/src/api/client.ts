// The typed API client: paths, parameters and bodies are checked against `schema.ts` (generated from the backend's
// OpenAPI document); response bodies are typed in `types.ts` until the document describes them.

import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** A failed call, with the server's message(s) (NestJS: `message` is a string or a list of validation messages). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly body: unknown,
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }
}

interface Auth {
  token(): string | null;
  unauthorized(): void;
}
let auth: Auth = { token: () => null, unauthorized: () => undefined };

/** The session store tells the client where the token is and what a 401 means. */
export function configureAuth(a: Auth): void {
  auth = a;
}

const withAuth: Middleware = {
  onRequest({ request }) {
    const token = auth.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/auth/login')) auth.unauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(withAuth);

function messagesOf(body: unknown): string[] {
  const m = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(m)) return m.map(String);
  if (typeof m === 'string') return [m];
  return [];
}

/** Awaits an openapi-fetch call: the body as T, or an ApiError with the server's messages. */
export async function call<T>(p: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) throw new ApiError(response.status, messagesOf(error), error);
  return data as T;
}

/**
 * Routes proposed to the backend but not (yet) in `schema.ts`: null when the server does not have them (404/405),
 * so the feature behind them hides itself instead of failing.
 */
export async function proposed<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | null> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 404 || res.status === 405) return null;
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, messagesOf(parsed), parsed);
  return parsed as T;
}

/** Downloads a file the API serves (exports) with the bearer token, under the server's file name. */
export async function download(path: string): Promise<void> {
  const token = auth.token();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, [], null);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: decodeURIComponent(name) });
  a.click();
  URL.revokeObjectURL(url);
}

/** Uploads a ledger file (multipart field "file"). */
export async function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const token = auth.token();
  const res = await fetch(path, {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, messagesOf(parsed), parsed);
  return parsed as T;
}
