import { idParams } from '@hangbiao/shared/contracts/common';
import { unit, unitInput, unitListQuery, unitPage, unitUpdate } from '@hangbiao/shared/contracts/orgs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { createUnit, getUnit, listUnits, updateUnit } from './orgs-units.service';

const tags = ['units'];

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/units',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '单位列表', querystring: unitListQuery, response: { 200: unitPage } } },
    (req) => listUnits(ctxOf(req), req.query),
  );
  app.get('/api/units/:id', { config: { access: 'orgs.read' }, schema: { tags, summary: '单位详情', params: idParams, response: { 200: unit } } }, (req) =>
    getUnit(ctxOf(req), req.params.id),
  );
  app.post('/api/units', { config: { access: 'units.write' }, schema: { tags, summary: '新增单位', body: unitInput, response: { 200: unit } } }, (req) =>
    createUnit(ctxOf(req), req.body),
  );
  app.patch(
    '/api/units/:id',
    { config: { access: 'units.write' }, schema: { tags, summary: '修改单位', params: idParams, body: unitUpdate, response: { 200: unit } } },
    (req) => updateUnit(ctxOf(req), req.params.id, req.body),
  );
};
