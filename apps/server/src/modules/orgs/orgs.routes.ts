import { idParams, ok } from '@hangbiao/shared/contracts/common';
import {
  orgCreate,
  orgDetail,
  orgEvents,
  orgListQuery,
  orgPage,
  orgTerms,
  orgUpdate,
  reformInput,
  renewalsPage,
  renewalsQuery,
  subtreeQuery,
  termRenewal,
  treeNode,
  treeQuery,
} from '@hangbiao/shared/contracts/orgs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { createOrg, deleteOrg, getOrg, listOrgs, subtree, treeChildren, updateOrg } from './orgs.service';
import { applyReform, eventsOf } from './orgs-reform.service';
import { renewals, renewTerm, termsOf } from './orgs-terms.service';

const tags = ['orgs'];
const nodes = z.array(treeNode);

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/orgs/tree',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '组织树（逐级加载）', querystring: treeQuery, response: { 200: nodes } } },
    (req) => treeChildren(ctxOf(req), req.query),
  );
  app.get(
    '/api/orgs/:id/subtree',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '整棵下级组织树', params: idParams, querystring: subtreeQuery, response: { 200: nodes } } },
    (req) => subtree(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/orgs',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '组织列表', querystring: orgListQuery, response: { 200: orgPage } } },
    (req) => listOrgs(ctxOf(req), req.query),
  );
  app.get(
    '/api/orgs/renewals',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '换届提醒', querystring: renewalsQuery, response: { 200: renewalsPage } } },
    (req) => renewals(ctxOf(req), req.query),
  );
  app.get('/api/orgs/:id', { config: { access: 'orgs.read' }, schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgDetail } } }, (req) =>
    getOrg(ctxOf(req), req.params.id),
  );
  app.post('/api/orgs', { config: { access: 'orgs.write' }, schema: { tags, summary: '新建组织', body: orgCreate, response: { 200: orgDetail } } }, (req) =>
    createOrg(ctxOf(req), req.body),
  );
  app.patch(
    '/api/orgs/:id',
    { config: { access: 'orgs.write' }, schema: { tags, summary: '修改组织', params: idParams, body: orgUpdate, response: { 200: orgDetail } } },
    (req) => updateOrg(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/orgs/:id',
    { config: { access: 'orgs.write' }, schema: { tags, summary: '删除误建的组织', params: idParams, response: { 200: ok } } },
    async (req) => {
      await deleteOrg(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/orgs/reforms',
    {
      config: { access: 'orgs.write' },
      schema: { tags, summary: '机构改革调整（更名、调整隶属、合并、拆分、撤销）', body: reformInput, response: { 200: orgEvents } },
    },
    (req) => applyReform(ctxOf(req), req.body),
  );
  app.get(
    '/api/orgs/:id/events',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '历史沿革', params: idParams, response: { 200: orgEvents } } },
    (req) => eventsOf(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/orgs/:id/terms',
    { config: { access: 'orgs.read' }, schema: { tags, summary: '班子与任期', params: idParams, response: { 200: orgTerms } } },
    (req) => termsOf(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/orgs/:id/terms',
    { config: { access: 'orgs.write' }, schema: { tags, summary: '换届', params: idParams, body: termRenewal, response: { 200: orgTerms } } },
    (req) => renewTerm(ctxOf(req), req.params.id, req.body),
  );
};
