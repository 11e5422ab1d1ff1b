import { idParams, ok } from '@hangbiao/shared/contracts/common';
import {
  complianceExportQuery,
  complianceMatrix,
  complianceOrg,
  complianceOrgQuery,
  complianceQuery,
  exemption,
  exemptionCreate,
  exemptionListQuery,
  exemptionPage,
} from '@hangbiao/shared/contracts/compliance';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { attachment, xlsxType } from '../../platform/xlsx';
import {
  complianceOfOrg,
  createExemption,
  deleteExemption,
  exportCompliance,
  listExemptions,
  complianceMatrix as matrixOf,
} from './orglife-compliance.service';

const tags = ['orglife'];

export const complianceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/orglife/compliance',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: '组织生活完成情况（组织 × 周期）', querystring: complianceQuery, response: { 200: complianceMatrix } },
    },
    (req) => matrixOf(ctxOf(req), req.query),
  );
  app.get(
    '/api/orglife/compliance/export',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: '导出组织生活完成情况（Excel）', querystring: complianceExportQuery, produces: [xlsxType] },
    },
    async (req, reply) => {
      const { filename, stream } = await exportCompliance(ctxOf(req), req.query);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(stream);
    },
  );
  app.get(
    '/api/orglife/compliance/orgs/:id',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: '一个组织的组织生活完成情况及所计会议', params: idParams, querystring: complianceOrgQuery, response: { 200: complianceOrg } },
    },
    (req) => complianceOfOrg(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/orglife/exemptions',
    { config: { access: 'orglife.read' }, schema: { tags, summary: '组织生活豁免', querystring: exemptionListQuery, response: { 200: exemptionPage } } },
    (req) => listExemptions(ctxOf(req), req.query),
  );
  app.post(
    '/api/orglife/exemptions',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '登记组织生活豁免', body: exemptionCreate, response: { 200: exemption } } },
    (req) => createExemption(ctxOf(req), req.body),
  );
  app.delete(
    '/api/orglife/exemptions/:id',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '撤销组织生活豁免', params: idParams, response: { 200: ok } } },
    async (req) => {
      await deleteExemption(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};
