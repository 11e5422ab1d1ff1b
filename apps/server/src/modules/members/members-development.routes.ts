import { idParams } from '@hangbiao/shared/contracts/common';
import {
  developmentBoard as board,
  boardQuery,
  caseCreate,
  caseDetail,
  caseListQuery,
  casePage,
  caseStop,
  caseUpdate,
  stepInput,
  stepResult,
  stepWithdrawal,
} from '@hangbiao/shared/contracts/development';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { createCase, developmentBoard, getCase, listCases, recordStep, stopCase, updateCase, withdrawStep } from './members-development.service';

const tags = ['development'];

export const developmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/development/board',
    { config: { access: 'members.read' }, schema: { tags, summary: '发展党员看板', querystring: boardQuery, response: { 200: board } } },
    (req) => developmentBoard(ctxOf(req), req.query),
  );
  app.get(
    '/api/development/cases',
    { config: { access: 'members.read' }, schema: { tags, summary: '发展党员档案列表', querystring: caseListQuery, response: { 200: casePage } } },
    (req) => listCases(ctxOf(req), req.query),
  );
  app.post(
    '/api/development/cases',
    { config: { access: 'members.write' }, schema: { tags, summary: '登记入党申请', body: caseCreate, response: { 200: caseDetail } } },
    (req) => createCase(ctxOf(req), req.body),
  );
  app.get(
    '/api/development/cases/:id',
    { config: { access: 'members.read' }, schema: { tags, summary: '发展党员档案（25 个步骤）', params: idParams, response: { 200: caseDetail } } },
    (req) => getCase(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/development/cases/:id',
    { config: { access: 'members.write' }, schema: { tags, summary: '修改发展对象信息', params: idParams, body: caseUpdate, response: { 200: caseDetail } } },
    (req) => updateCase(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/development/cases/:id/steps',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '记录发展步骤（不符合规定时 422 并注明依据）', params: idParams, body: stepInput, response: { 200: stepResult } },
    },
    (req) => recordStep(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/development/cases/:id/steps/withdraw',
    {
      config: { access: 'members.write' },
      schema: { tags, summary: '撤销最后记录的步骤（已变更党员名册的步骤除外）', params: idParams, body: stepWithdrawal, response: { 200: caseDetail } },
    },
    (req) => withdrawStep(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/development/cases/:id/stop',
    { config: { access: 'members.write' }, schema: { tags, summary: '终止发展程序', params: idParams, body: caseStop, response: { 200: caseDetail } } },
    (req) => stopCase(ctxOf(req), req.params.id, req.body),
  );
};
