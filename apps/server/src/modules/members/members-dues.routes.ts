import { idParams, ok } from '@hangbiao/shared/contracts/common';
import {
  duesAlertQuery,
  duesArrearsPage,
  duesArrearsQuery,
  duesBase,
  duesBaseConfirm,
  duesBaseConfirmed,
  duesBaseInput,
  duesBaseUpdate,
  duesLedger,
  duesLedgerQuery,
  duesPaymentDeleteQuery,
  duesPaymentsInput,
  duesPaymentsResult,
  duesRelief,
  duesReliefInput,
  duesReliefUpdate,
  duesReverifyPage,
  duesReverifyQuery,
  duesTotals,
  duesTotalsQuery,
  memberDues,
  specialDuesCampaign,
  specialDuesCampaignInput,
  specialDuesCampaignUpdate,
  specialDuesContributionPage,
  specialDuesContributionsInput,
  specialDuesContributionsQuery,
  specialDuesContributionsResult,
  specialDuesListQuery,
  specialDuesPage,
  specialDuesTotals,
  specialDuesTotalsQuery,
} from '@hangbiao/shared/contracts/dues';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import {
  arrears,
  confirmBases,
  deletePayment,
  grantRelief,
  lapseAlerts,
  ledger,
  memberDues as memberDuesOf,
  recordPayments,
  reverifyList,
  setBase,
  totals,
  updateBase,
  updateRelief,
} from './members-dues.service';
import {
  campaignTotals,
  createCampaign,
  deleteContribution,
  getCampaign,
  listCampaigns,
  listContributions,
  recordContributions,
  updateCampaign,
} from './members-special-dues.service';

const tags = ['dues'];
const read = { access: 'members.read' } as const;
const write = { access: 'members.write' } as const;

export const duesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/members/:id/dues',
    { config: read, schema: { tags, summary: '党员的党费基数与交纳记录', params: idParams, response: { 200: memberDues } } },
    (req) => memberDuesOf(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/members/:id/dues/bases',
    { config: write, schema: { tags, summary: '核定党费基数（自某月起）', params: idParams, body: duesBaseInput, response: { 200: duesBase } } },
    (req) => setBase(ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/api/dues/bases/:id',
    { config: write, schema: { tags, summary: '更正党费基数', params: idParams, body: duesBaseUpdate, response: { 200: duesBase } } },
    (req) => updateBase(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/dues/bases/confirm',
    { config: write, schema: { tags, summary: '年度复核：确认基数不变', body: duesBaseConfirm, response: { 200: duesBaseConfirmed } } },
    (req) => confirmBases(ctxOf(req), req.body),
  );
  app.post(
    '/api/members/:id/dues/reliefs',
    {
      config: write,
      schema: { tags, summary: '登记少交或免交党费（经上一级党委批准）', params: idParams, body: duesReliefInput, response: { 200: duesRelief } },
    },
    (req) => grantRelief(ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/api/dues/reliefs/:id',
    { config: write, schema: { tags, summary: '修改少交或免交党费', params: idParams, body: duesReliefUpdate, response: { 200: duesRelief } } },
    (req) => updateRelief(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/dues/ledger',
    { config: read, schema: { tags, summary: '党费收缴台账（按月）', querystring: duesLedgerQuery, response: { 200: duesLedger } } },
    (req) => ledger(ctxOf(req), req.query),
  );
  app.post(
    '/api/dues/payments',
    { config: write, schema: { tags, summary: '批量登记党费交纳（全部成功或全部不登记）', body: duesPaymentsInput, response: { 200: duesPaymentsResult } } },
    (req) => recordPayments(ctxOf(req), req.body),
  );
  app.delete(
    '/api/dues/payments/:id',
    { config: write, schema: { tags, summary: '删除误登记的党费交纳', params: idParams, querystring: duesPaymentDeleteQuery, response: { 200: ok } } },
    async (req) => {
      await deletePayment(ctxOf(req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/dues/arrears',
    { config: read, schema: { tags, summary: '欠缴党费名单', querystring: duesArrearsQuery, response: { 200: duesArrearsPage } } },
    (req) => arrears(ctxOf(req), req.query),
  );
  app.get(
    '/api/dues/alerts',
    { config: read, schema: { tags, summary: '连续 6 个月未交纳党费提醒', querystring: duesAlertQuery, response: { 200: duesArrearsPage } } },
    (req) => lapseAlerts(ctxOf(req), req.query),
  );
  app.get(
    '/api/dues/reverify',
    { config: read, schema: { tags, summary: '年度党费基数待复核名单', querystring: duesReverifyQuery, response: { 200: duesReverifyPage } } },
    (req) => reverifyList(ctxOf(req), req.query),
  );
  app.get(
    '/api/dues/totals',
    { config: read, schema: { tags, summary: '党费收缴汇总（月、季、年）', querystring: duesTotalsQuery, response: { 200: duesTotals } } },
    (req) => totals(ctxOf(req), req.query),
  );

  app.get(
    '/api/special-dues',
    { config: read, schema: { tags, summary: '特殊党费活动', querystring: specialDuesListQuery, response: { 200: specialDuesPage } } },
    (req) => listCampaigns(ctxOf(req), req.query),
  );
  app.post(
    '/api/special-dues',
    { config: write, schema: { tags, summary: '发起特殊党费活动（自愿交纳）', body: specialDuesCampaignInput, response: { 200: specialDuesCampaign } } },
    (req) => createCampaign(ctxOf(req), req.body),
  );
  app.get(
    '/api/special-dues/:id',
    { config: read, schema: { tags, summary: '特殊党费活动详情', params: idParams, response: { 200: specialDuesCampaign } } },
    (req) => getCampaign(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/special-dues/:id',
    { config: write, schema: { tags, summary: '修改特殊党费活动', params: idParams, body: specialDuesCampaignUpdate, response: { 200: specialDuesCampaign } } },
    (req) => updateCampaign(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/special-dues/:id/contributions',
    {
      config: read,
      schema: {
        tags,
        summary: '特殊党费交纳记录',
        params: idParams,
        querystring: specialDuesContributionsQuery,
        response: { 200: specialDuesContributionPage },
      },
    },
    (req) => listContributions(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/special-dues/:id/contributions',
    {
      config: write,
      schema: {
        tags,
        summary: '登记特殊党费（全部成功或全部不登记）',
        params: idParams,
        body: specialDuesContributionsInput,
        response: { 200: specialDuesContributionsResult },
      },
    },
    (req) => recordContributions(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/special-dues/contributions/:id',
    { config: write, schema: { tags, summary: '删除误登记的特殊党费', params: idParams, response: { 200: ok } } },
    async (req) => {
      await deleteContribution(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/special-dues/:id/totals',
    {
      config: read,
      schema: {
        tags,
        summary: '特殊党费汇总（按单位、按下级组织）',
        params: idParams,
        querystring: specialDuesTotalsQuery,
        response: { 200: specialDuesTotals },
      },
    },
    (req) => campaignTotals(ctxOf(req), req.params.id, req.query),
  );
};
