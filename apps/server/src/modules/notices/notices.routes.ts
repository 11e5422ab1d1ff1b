import { idParams, ok, pageQuery } from '@hangbiao/shared/contracts/common';
import {
  noticeListQuery,
  noticePage,
  noticeRead,
  noticeReadResult,
  noticeSummary,
  webhook,
  webhookDelivery,
  webhookDeliveryPage,
  webhookInput,
  webhookList,
  webhookUpdate,
} from '@hangbiao/shared/contracts/notices';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { listNotices, markRead, noticeCounts } from './notices.service';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, testWebhook, updateWebhook } from './notices-webhooks.service';

const tags = ['notices'];

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notices',
    { config: { access: 'authenticated' }, schema: { tags, summary: '我的提醒', querystring: noticeListQuery, response: { 200: noticePage } } },
    (req) => listNotices(ctxOf(req), req.query),
  );
  app.get('/api/notices/summary', { config: { access: 'authenticated' }, schema: { tags, summary: '未读提醒数', response: { 200: noticeSummary } } }, (req) =>
    noticeCounts(ctxOf(req)),
  );
  app.post(
    '/api/notices/read',
    { config: { access: 'authenticated' }, schema: { tags, summary: '标记为已读', body: noticeRead, response: { 200: noticeReadResult } } },
    (req) => markRead(ctxOf(req), req.body),
  );
  app.get('/api/notices/webhooks', { config: { access: 'notices.manage' }, schema: { tags, summary: '消息推送地址', response: { 200: webhookList } } }, (req) =>
    listWebhooks(ctxOf(req)),
  );
  app.post(
    '/api/notices/webhooks',
    { config: { access: 'notices.manage' }, schema: { tags, summary: '新增消息推送地址', body: webhookInput, response: { 200: webhook } } },
    (req) => createWebhook(ctxOf(req), req.body),
  );
  app.patch(
    '/api/notices/webhooks/:id',
    { config: { access: 'notices.manage' }, schema: { tags, summary: '修改消息推送地址', params: idParams, body: webhookUpdate, response: { 200: webhook } } },
    (req) => updateWebhook(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/notices/webhooks/:id',
    { config: { access: 'notices.manage' }, schema: { tags, summary: '删除消息推送地址', params: idParams, response: { 200: ok } } },
    async (req) => {
      await deleteWebhook(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/notices/webhooks/:id/deliveries',
    {
      config: { access: 'notices.manage' },
      schema: { tags, summary: '推送记录', params: idParams, querystring: pageQuery, response: { 200: webhookDeliveryPage } },
    },
    (req) => listDeliveries(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/notices/webhooks/:id/test',
    { config: { access: 'notices.manage' }, schema: { tags, summary: '发送测试消息', params: idParams, response: { 200: webhookDelivery } } },
    (req) => testWebhook(ctxOf(req), req.params.id),
  );
};
