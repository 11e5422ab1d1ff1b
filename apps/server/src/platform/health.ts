import { health } from '@hangbiao/shared/contracts/audit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { migrationVersion } from '../db/client';

export const healthRoutes: FastifyPluginAsyncZod<{ demo: boolean }> = async (app, { demo }) => {
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查', response: { 200: health } } }, async () => ({
    status: 'ok' as const,
    database: app.database.kind,
    migration: await migrationVersion(app.database.db),
    demo,
  }));
};
