import type { Problem } from '@hangbiao/shared/contracts/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldError {
  path: string;
  message: string;
}

/** Stable error codes, their HTTP status and default zh-CN title. */
const codes = {
  validation_failed: [422, '输入有误'],
  malformed_request: [400, '请求格式错误'],
  unauthenticated: [401, '请先登录'],
  invalid_credentials: [401, '用户名或密码错误'],
  forbidden: [403, '无权执行此操作'],
  csrf_failed: [403, '页面已过期，请刷新后重试'],
  not_found: [404, '记录不存在'],
  conflict: [409, '操作与现有数据冲突'],
  stale_version: [409, '数据已被他人修改，请刷新后重试'],
  payload_too_large: [413, '提交的内容过大'],
  unsupported_media_type: [415, '不支持的内容类型'],
  rule_violation: [422, '不符合规定'],
  account_locked: [423, '账户已被临时锁定'],
  rate_limited: [429, '请求过于频繁，请稍后再试'],
  internal: [500, '服务器内部错误'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof codes;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? codes[code][1]);
    this.status = codes[code][0];
  }
}

export function problemOf(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  const [status, title] = codes[code];
  return {
    type: `https://hangbiao.dev/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    code,
    ...(detail && detail !== title ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Fastify's own error codes that reach clients as a known problem. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_request',
};

function toProblem(error: FastifyError): Problem {
  if (error instanceof AppError) return problemOf(error.code, error.message, error.errors);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? '无效',
    }));
    return problemOf('validation_failed', undefined, errors);
  }
  if (error.code && fastifyCodes[error.code]) return problemOf(fastifyCodes[error.code] as ErrorCode);
  if (error instanceof SyntaxError || error.statusCode === 400) return problemOf('malformed_request', '请求体不是有效的 JSON');
  if (error.statusCode === 429) return problemOf('rate_limited');
  return problemOf('internal');
}

export function registerErrorHandling(app: FastifyInstance, options: { spa?: boolean } = {}) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500 || isResponseSerializationError(error)) request.log.error({ err: error }, 'request failed');
    if (error instanceof AppError && error.code === 'account_locked') reply.header('retry-after', '60');
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    // With the web app served, client-side routes load its shell; unknown API paths stay problem+json.
    if (options.spa && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problemOf('not_found', `没有这个接口：${request.method} ${request.url.split('?')[0]}`));
  });
}
