import { idParams } from '@hangbiao/shared/contracts/common';
import {
  destinationQuery,
  inboxCounts,
  inboxCountsQuery,
  mobileMemberPage,
  mobileMemberQuery,
  transfer,
  transferAccept,
  transferCancel,
  transferDestinations,
  transferInboxQuery,
  transferListQuery,
  transferPage,
  transferReceipt,
  transferRegister,
  transferReject,
  transferStart,
} from '@hangbiao/shared/contracts/transfers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import {
  acceptTransfer,
  cancelTransfer,
  inboxCounts as countInbox,
  transferDestinations as findDestinations,
  getTransfer,
  listTransfers,
  mobileMembers,
  recordReceipt,
  registerTransfer,
  rejectTransfer,
  startTransfer,
  transferInbox,
} from './members-transfers.service';

const tags = ['transfers'];

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/transfers',
    { config: { access: 'members.read' }, schema: { tags, summary: '组织关系转接记录', querystring: transferListQuery, response: { 200: transferPage } } },
    (req) => listTransfers(ctxOf(req), req.query),
  );
  app.get(
    '/api/transfers/inbox',
    {
      config: { access: 'members.read' },
      schema: { tags, summary: '转接待办（待办、未办结、即将办理、已逾期）', querystring: transferInboxQuery, response: { 200: transferPage } },
    },
    (req) => transferInbox(ctxOf(req), req.query),
  );
  app.get(
    '/api/transfers/inbox/counts',
    { config: { access: 'members.read' }, schema: { tags, summary: '转接待办数量', querystring: inboxCountsQuery, response: { 200: inboxCounts } } },
    (req) => countInbox(ctxOf(req), req.query),
  );
  app.get(
    '/api/transfers/mobile',
    { config: { access: 'members.read' }, schema: { tags, summary: '流动党员', querystring: mobileMemberQuery, response: { 200: mobileMemberPage } } },
    (req) => mobileMembers(ctxOf(req), req.query),
  );
  app.get(
    '/api/transfers/destinations',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '可转入的党支部', querystring: destinationQuery, response: { 200: transferDestinations } },
    },
    (req) => findDestinations(ctxOf(req), req.query),
  );
  app.get(
    '/api/transfers/:id',
    { config: { access: 'members.read' }, schema: { tags, summary: '转接详情', params: idParams, response: { 200: transfer } } },
    (req) => getTransfer(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/transfers',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '发起组织关系转接（系统内、转出系统外、从系统外转入）', body: transferStart, response: { 200: transfer } },
    },
    (req) => startTransfer(ctxOf(req), req.body),
  );
  app.post(
    '/api/transfers/:id/accept',
    { config: { access: 'members.write' }, schema: { tags, summary: '接收', params: idParams, body: transferAccept, response: { 200: transfer } } },
    (req) => acceptTransfer(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/transfers/:id/reject',
    { config: { access: 'members.write' }, schema: { tags, summary: '退回', params: idParams, body: transferReject, response: { 200: transfer } } },
    (req) => rejectTransfer(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/transfers/:id/cancel',
    { config: { access: 'members.write' }, schema: { tags, summary: '撤销', params: idParams, body: transferCancel, response: { 200: transfer } } },
    (req) => cancelTransfer(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/transfers/:id/receipt',
    { config: { access: 'members.write' }, schema: { tags, summary: '登记介绍信回执', params: idParams, body: transferReceipt, response: { 200: transfer } } },
    (req) => recordReceipt(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/transfers/:id/register',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '转入党员登记入册', params: idParams, body: transferRegister, response: { 200: transfer } },
    },
    (req) => registerTransfer(ctxOf(req), req.params.id, req.body),
  );
};
