import { type Problem, problem } from '@hangbiao/shared/contracts/common';
import type { z } from 'zod';

type FieldIssue = NonNullable<Problem['errors']>[number];

/** A failed API call, parsed from the server's problem+json (or made up for network and format failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldIssue[];

  constructor(p: { status: number; code: string; title: string; detail?: string | undefined; errors?: FieldIssue[] | undefined }) {
    super(p.detail ?? p.title);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code;
    this.title = p.title;
    this.detail = p.detail;
    this.errors = p.errors ?? [];
  }
}

let csrfToken: string | undefined;

/** The session's CSRF token, sent on every state-changing request. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

function toSearch(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // `false` is left out: the server coerces any present flag value (even "false") to true.
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = problem.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data);
  return new ApiError({ status, code: `http_${status}`, title: status >= 500 ? '服务器暂时不可用' : `请求失败（${status}）` });
}

async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: { query?: Record<string, QueryValue> | undefined; body?: unknown; file?: File } = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type || 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path + toSearch(options.query), {
      method,
      headers,
      credentials: 'include',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器', detail: '请检查网络连接后重试' });
  }

  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw toApiError(response.status, body);

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      title: '服务器返回的数据格式不符合约定',
      detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    });
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: Record<string, QueryValue>) => request('GET', path, schema, { query }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) => request('POST', path, schema, { body }),
  /** Sends a file as the request body, with its own content type; other parameters ride in the query. */
  upload: <S extends z.ZodType>(path: string, schema: S, file: File, query?: Record<string, QueryValue>) => request('POST', path, schema, { file, query }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) => request('PATCH', path, schema, { body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown) => request('PUT', path, schema, { body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => request('DELETE', path, schema),
};

/** A link to a file the server streams (e.g. an Excel export); the session cookie goes along as with any same-origin link. */
export function downloadHref(path: string, query?: Record<string, QueryValue>): string {
  return path + toSearch(query);
}

/**
 * Sends a file and receives a file back (e.g. an import's error report) with the name the server gives it; a failure
 * is the server's problem+json, as with every other call.
 */
export async function exchangeFile(path: string, file: File, query?: Record<string, QueryValue>): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = { 'content-type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path + toSearch(query), { method: 'POST', headers, credentials: 'include', body: file });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器', detail: '请检查网络连接后重试' });
  }
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await response.blob(), filename: name ? decodeURIComponent(name) : null };
}

/** One line for a toast: the server's detail when it has one, else its title. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail ? `${error.title}：${error.detail}` : error.title;
  return error instanceof Error ? error.message : '操作失败';
}
