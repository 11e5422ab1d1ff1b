import { idParams } from '@hangbiao/shared/contracts/common';
import { passwordReset, roleGrant, roleParams, user, userCreate, userListQuery, userPage, userUpdate } from '@hangbiao/shared/contracts/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { addRole, createUser, getUser, listUsers, removeRole, resetPassword, updateUser } from './users.service';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    { config: { access: 'users.read' }, schema: { tags, summary: '用户列表', querystring: userListQuery, response: { 200: userPage } } },
    (req) => listUsers(ctxOf(req), req.query),
  );
  app.get('/api/users/:id', { config: { access: 'users.read' }, schema: { tags, summary: '用户详情', params: idParams, response: { 200: user } } }, (req) =>
    getUser(ctxOf(req), req.params.id),
  );
  app.post('/api/users', { config: { access: 'users.manage' }, schema: { tags, summary: '新建用户', body: userCreate, response: { 200: user } } }, (req) =>
    createUser(ctxOf(req), req.body),
  );
  app.patch(
    '/api/users/:id',
    { config: { access: 'users.manage' }, schema: { tags, summary: '修改用户', params: idParams, body: userUpdate, response: { 200: user } } },
    (req) => updateUser(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/password',
    { config: { access: 'users.manage' }, schema: { tags, summary: '重置密码', params: idParams, body: passwordReset, response: { 200: user } } },
    (req) => resetPassword(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/roles',
    { config: { access: 'users.manage' }, schema: { tags, summary: '授予角色', params: idParams, body: roleGrant, response: { 200: user } } },
    (req) => addRole(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/users/:id/roles/:assignmentId',
    { config: { access: 'users.manage' }, schema: { tags, summary: '撤销角色', params: roleParams, response: { 200: user } } },
    (req) => removeRole(ctxOf(req), req.params.id, req.params.assignmentId),
  );
};
