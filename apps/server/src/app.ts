import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { z } from 'zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { auditRoutes } from './modules/audit/audit.routes';
import { indicatorRoutes } from './modules/indicators/indicators.routes';
import { memberRoutes } from './modules/members/members.routes';
import { developmentRoutes } from './modules/members/members-development.routes';
import { duesRoutes } from './modules/members/members-dues.routes';
import { memberImportRoutes } from './modules/members/members-import.routes';
import { transferRoutes } from './modules/members/members-transfers.routes';
import { noticeRoutes } from './modules/notices/notices.routes';
import { orglifeRoutes } from './modules/orglife/orglife.routes';
import { complianceRoutes } from './modules/orglife/orglife-compliance.routes';
import { orgRoutes } from './modules/orgs/orgs.routes';
import { unitRoutes } from './modules/orgs/orgs-units.routes';
import { userRoutes } from './modules/users/users.routes';
import { authRoutes } from './modules/users/users-auth.routes';
import { registerAuth } from './platform/auth';
import { AppError, registerErrorHandling } from './platform/errors';
import { healthRoutes } from './platform/health';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  sessionSecret: string;
  demo: boolean;
  /** Built web app to serve at `/`; absent in API-only tests. */
  webDir?: string;
}

export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Responses are checked against their contracts in tests; in production they are only encoded, once
  // per object: a result served again from the read cache is the same object and reuses its bytes.
  // Fastify sends a Buffer as it is, so the encoded body is handed over instead of a string.
  const encoded = new WeakMap<object, Buffer>();
  const serialize = (data: unknown) => {
    if (typeof data !== 'object' || data === null) return JSON.stringify(data);
    const body = encoded.get(data) ?? Buffer.from(JSON.stringify(data));
    encoded.set(data, body);
    return body as unknown as string;
  };
  app.setSerializerCompiler(config.VALIDATE_RESPONSES ? serializerCompiler : () => serialize);
  app.decorate('database', options.database);
  app.decorate('config', config);
  const serveWeb = Boolean(options.webDir && existsSync(options.webDir));
  registerErrorHandling(app, { spa: serveWeb });

  // Security headers; the web app's styles are inline (Ant Design's CSS-in-JS), its scripts are not. The middleware is
  // built once: the Fastify wrapper built it again for every request, a twentieth of a list request's time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"] },
    },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited', '登录尝试过于频繁，请一分钟后再试'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '航标 Hangbiao API', version: '0.1.0', description: '机关党建工作平台接口。错误均为 RFC 9457 problem+json。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hb_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    // The documentation UI's own routes are public.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
  });
  registerAuth(app, options.sessionSecret);
  // The docs UI sets its own content security policy on its pages (it needs its inline bootstrap script).
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { demo: options.demo });
  await app.register(authRoutes, { sessionSecret: options.sessionSecret });
  await app.register(userRoutes);
  await app.register(unitRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(indicatorRoutes);
  await app.register(memberRoutes);
  await app.register(memberImportRoutes);
  await app.register(duesRoutes);
  await app.register(transferRoutes);
  await app.register(developmentRoutes);
  await app.register(orglifeRoutes);
  await app.register(complianceRoutes);
  await app.register(noticeRoutes);

  if (serveWeb) await app.register(fastifyStatic, { root: options.webDir as string, wildcard: false });
  await app.ready();
  return app;
}
