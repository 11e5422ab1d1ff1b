import { importLimits, importReport } from '@hangbiao/shared/contracts/imports';
import { memberExportQuery, memberSheetQuery, orgFormQuery } from '@hangbiao/shared/contracts/members-import';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { acceptWorkbooks, uploadedWorkbook } from '../../platform/import';
import { attachment, xlsxType } from '../../platform/xlsx';
import { exportOrgForm } from './members-forms.service';
import { exportMembers, importMembers, memberImportErrors, memberTemplate } from './members-import.service';

const tags = ['members'];
const upload = { bodyLimit: importLimits.uploadBytes };

export const memberImportRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptWorkbooks(app);

  app.get(
    '/api/members/import/template',
    { config: { access: 'members.write' }, schema: { tags, summary: '下载党员导入模板（Excel）', querystring: memberSheetQuery, produces: [xlsxType] } },
    async (req, reply) => {
      const { filename, stream } = await memberTemplate(ctxOf(req), req.query.layout);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(stream);
    },
  );
  app.post(
    '/api/members/import/preview',
    {
      ...upload,
      config: { access: 'members.write' },
      schema: { tags, summary: '预览党员导入：逐行校验，不写入', querystring: memberSheetQuery, consumes: [xlsxType], response: { 200: importReport } },
    },
    (req) => importMembers(ctxOf(req), uploadedWorkbook(req), { layout: req.query.layout, commit: false }),
  );
  app.post(
    '/api/members/import',
    {
      ...upload,
      config: { access: 'members.write' },
      schema: {
        tags,
        summary: '导入党员：全部写入，或有错误时全部不写入',
        querystring: memberSheetQuery,
        consumes: [xlsxType],
        response: { 200: importReport },
      },
    },
    (req) => importMembers(ctxOf(req), uploadedWorkbook(req), { layout: req.query.layout, commit: true }),
  );
  app.post(
    '/api/members/import/errors',
    {
      ...upload,
      config: { access: 'members.write' },
      schema: { tags, summary: '党员导入错误报告：原表加错误说明列（Excel）', querystring: memberSheetQuery, consumes: [xlsxType], produces: [xlsxType] },
    },
    async (req, reply) => {
      const { filename, body } = await memberImportErrors(ctxOf(req), uploadedWorkbook(req), req.query.layout);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(body);
    },
  );
  app.get(
    '/api/members/export',
    {
      config: { access: 'members.read' },
      schema: { tags, summary: '导出党员（Excel，筛选条件同党员名册）', querystring: memberExportQuery, produces: [xlsxType] },
    },
    async (req, reply) => {
      const { filename, stream } = await exportMembers(ctxOf(req), req.query);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(stream);
    },
  );
  app.get(
    '/api/members/export/orgs',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '导出党组织信息采集表（Excel）', querystring: orgFormQuery, produces: [xlsxType] } },
    async (req, reply) => {
      const { filename, stream } = await exportOrgForm(ctxOf(req), req.query);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(stream);
    },
  );
};
