import { idParams, ok } from '@hangbiao/shared/contracts/common';
import { member, memberEventList, memberInput, memberListQuery, memberPage, memberStatusChange, memberUpdate } from '@hangbiao/shared/contracts/members';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { changeMemberStatus, createMember, deleteMember, getMember, listMemberEvents, listMembers, myMember, updateMember } from './members.service';

const tags = ['members'];

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/members',
    { config: { access: 'members.read' }, schema: { tags, summary: '党员名册', querystring: memberListQuery, response: { 200: memberPage } } },
    (req) => listMembers(ctxOf(req), req.query),
  );
  app.get(
    '/api/members/:id',
    { config: { access: 'members.read' }, schema: { tags, summary: '党员信息', params: idParams, response: { 200: member } } },
    (req) => getMember(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/members',
    { config: { access: 'members.write' }, schema: { tags, summary: '登记党员', body: memberInput, response: { 200: member } } },
    (req) => createMember(ctxOf(req), req.body),
  );
  app.patch(
    '/api/members/:id',
    { config: { access: 'members.write' }, schema: { tags, summary: '修改党员信息', params: idParams, body: memberUpdate, response: { 200: member } } },
    (req) => updateMember(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/members/:id/status',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '党籍状态变更', params: idParams, body: memberStatusChange, response: { 200: member } },
    },
    (req) => changeMemberStatus(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/members/:id',
    { config: { access: 'members.write' }, schema: { tags, summary: '删除误录的党员', params: idParams, response: { 200: ok } } },
    async (req) => {
      await deleteMember(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/members/:id/events',
    { config: { access: 'members.read' }, schema: { tags, summary: '党籍与组织关系变动', params: idParams, response: { 200: memberEventList } } },
    (req) => listMemberEvents(ctxOf(req), req.params.id),
  );
  app.get('/api/me/member', { config: { access: 'authenticated' }, schema: { tags, summary: '我的党员信息', response: { 200: member } } }, (req) =>
    myMember(ctxOf(req)),
  );
};
