import { auditPage, auditQuery, auditVerify } from '@hangbiao/shared/contracts/audit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { listAudit, verify } from './audit.service';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { config: { access: 'audit.read' }, schema: { tags, summary: '审计日志', querystring: auditQuery, response: { 200: auditPage } } },
    (req) => listAudit(ctxOf(req), req.query),
  );
  app.get('/api/audit/verify', { config: { access: 'audit.verify' }, schema: { tags, summary: '校验审计日志哈希链', response: { 200: auditVerify } } }, (req) =>
    verify(ctxOf(req)),
  );
};
