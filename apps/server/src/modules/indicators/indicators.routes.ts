import {
  indicatorCatalog,
  indicatorExportQuery,
  indicatorParams,
  indicatorQuery,
  indicatorRecords,
  indicatorRecordsQuery,
  indicatorValue,
  myFiguresQuery,
  myFigures as myFiguresResponse,
} from '@hangbiao/shared/contracts/indicators';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { attachment, xlsxType } from '../../platform/xlsx';
import { catalog, evaluate, exportRecords, records } from './indicators.service';
import { myFigures } from './indicators-mine.service';

const tags = ['indicators'];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/indicators',
    { config: { access: 'indicators.read' }, schema: { tags, summary: '指标目录', response: { 200: indicatorCatalog } } },
    async (req) => catalog(ctxOf(req)),
  );
  app.get(
    '/api/indicators/:key',
    {
      config: { access: 'indicators.read' },
      schema: { tags, summary: '指标取值', params: indicatorParams, querystring: indicatorQuery, response: { 200: indicatorValue } },
    },
    (req) => evaluate(ctxOf(req), req.params.key, req.query),
  );
  app.get(
    '/api/indicators/:key/records',
    {
      config: { access: 'indicators.read' },
      schema: { tags, summary: '指标明细（所统计的记录）', params: indicatorParams, querystring: indicatorRecordsQuery, response: { 200: indicatorRecords } },
    },
    (req) => records(ctxOf(req), req.params.key, req.query),
  );
  app.get(
    '/api/indicators/:key/records/export',
    {
      config: { access: 'indicators.read' },
      schema: { tags, summary: '导出指标明细（Excel）', params: indicatorParams, querystring: indicatorExportQuery, produces: [xlsxType] },
    },
    async (req, reply) => {
      const { filename, stream } = await exportRecords(ctxOf(req), req.params.key, req.query);
      return reply.type(xlsxType).header('content-disposition', attachment(filename)).send(stream);
    },
  );
  app.get(
    '/api/me/figures',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的数据（本人的组织生活、党费、转接与发展记录）', querystring: myFiguresQuery, response: { 200: myFiguresResponse } },
    },
    (req) => myFigures(ctxOf(req), req.query),
  );
};
