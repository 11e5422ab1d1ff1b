import { changePasswordBody, loginBody, me } from '@hangbiao/shared/contracts/auth';
import { ok } from '@hangbiao/shared/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/access';
import { sessionCookie } from '../../platform/auth';
import { ctxOf } from '../../platform/context';
import { changePassword, login, logout, meOf } from './users-auth.service';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<{ sessionSecret: string }> = async (app, { sessionSecret }) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: app.config.LOGIN_RATE_MAX, timeWindow: '1 minute' } },
      schema: { tags, summary: '登录', body: loginBody, response: { 200: me } },
    },
    async (request, reply) => {
      const result = await login(ctxOf(request), request.body, sessionSecret);
      reply.setCookie(sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        expires: result.expiresAt,
      });
      return result.me;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: '退出登录', response: { 200: ok } } },
    async (request, reply) => {
      await logout(ctxOf(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get('/api/auth/me', { config: { access: 'authenticated' }, schema: { tags, summary: '当前用户', response: { 200: me } } }, async (request) =>
    meOf(requireActor(ctxOf(request))),
  );

  app.post(
    '/api/auth/password',
    { config: { access: 'authenticated' }, schema: { tags, summary: '修改密码', body: changePasswordBody, response: { 200: ok } } },
    async (request) => {
      await changePassword(ctxOf(request), request.body);
      return { ok: true as const };
    },
  );
};
