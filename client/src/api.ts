/** The HTTP API from the browser: bearer token, JSON, errors as { code, message }. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** DELETE (the answer is empty: 204) */
  del(path: string): Promise<void>;
  /** a non-JSON document (e.g. an HTML report) */
  getText(path: string): Promise<string>;
  token: string;
}

export function createApi(token: string, base = '/api/v1'): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!r.ok) throw new ApiFailure(r.status, json?.error?.code ?? 'HTTP_' + r.status, json?.error?.message ?? r.statusText, json?.error?.details);
    return json as T;
  };
  const getText = async (path: string): Promise<string> => {
    const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await r.text();
    if (!r.ok) {
      const j = (() => {
        try {
          return JSON.parse(text);
        } catch {
          return null;
        }
      })();
      throw new ApiFailure(r.status, j?.error?.code ?? `HTTP_${r.status}`, j?.error?.message ?? r.statusText);
    }
    return text;
  };
  return { token, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}), patch: (p, b) => call('PATCH', p, b), del: (p) => call<void>('DELETE', p), getText };
}
