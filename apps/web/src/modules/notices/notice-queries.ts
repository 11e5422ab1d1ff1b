import { ok } from '@hangbiao/shared/contracts/common';
import {
  type NoticeRead,
  type noticeListQuery,
  noticePage,
  noticeReadResult,
  noticeSummary,
  type WebhookInput,
  type WebhookUpdate,
  webhook,
  webhookDelivery,
  webhookDeliveryPage,
  webhookList,
} from '@hangbiao/shared/contracts/notices';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type NoticeParams = z.output<typeof noticeListQuery>;

export const noticeKeys = {
  all: ['notices'] as const,
  summary: ['notices', 'summary'] as const,
  list: (params: NoticeParams) => ['notices', 'list', params] as const,
  webhooks: ['notices', 'webhooks'] as const,
  deliveries: (id: string, page: number) => ['notices', 'webhooks', id, 'deliveries', page] as const,
};

export const fetchNotices = (params: NoticeParams) => api.get('/api/notices', noticePage, params);

/** The bell's count, refreshed every minute while the app is open. */
export const noticeSummaryQuery = queryOptions({
  queryKey: noticeKeys.summary,
  queryFn: () => api.get('/api/notices/summary', noticeSummary),
  refetchInterval: 60_000,
});

export const webhooksQuery = queryOptions({ queryKey: noticeKeys.webhooks, queryFn: () => api.get('/api/notices/webhooks', webhookList) });

export const deliveriesQuery = (id: string, page: number) =>
  queryOptions({
    queryKey: noticeKeys.deliveries(id, page),
    queryFn: () => api.get(`/api/notices/webhooks/${id}/deliveries`, webhookDeliveryPage, { page, pageSize: 10 }),
  });

export const noticeApi = {
  read: (input: NoticeRead) => api.post('/api/notices/read', noticeReadResult, input),
  createWebhook: (input: WebhookInput) => api.post('/api/notices/webhooks', webhook, input),
  updateWebhook: (id: string, input: WebhookUpdate) => api.patch(`/api/notices/webhooks/${id}`, webhook, input),
  deleteWebhook: (id: string) => api.delete(`/api/notices/webhooks/${id}`, ok),
  testWebhook: (id: string) => api.post(`/api/notices/webhooks/${id}/test`, webhookDelivery),
};
