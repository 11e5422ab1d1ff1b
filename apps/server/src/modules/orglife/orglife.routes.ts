import { idParams } from '@hangbiao/shared/contracts/common';
import {
  attachment,
  attachmentParams,
  attachmentTypes,
  attachmentUploadQuery,
  attendanceCorrection,
  attendanceParams,
  calendarQuery,
  checkinInfo,
  checkinParams,
  checkinResult,
  meetingCalendar,
  meetingCreate,
  meetingDetail,
  meetingListQuery,
  meetingPage,
  meetingUpdate,
  memberRatePage,
  myMeetingPage,
  myMeetingsQuery,
  observerInput,
  observerParams,
  orglifeLimits,
  orgRatePage,
  ratesQuery,
  resolutionInput,
  resolutionParams,
  reviewsInput,
} from '@hangbiao/shared/contracts/orglife';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { meetingCalendar as calendar, getMeeting, listMeetings, planMeeting, updateMeeting } from './orglife.service';
import { correctAttendance, memberRates, orgRates, removeAttendee } from './orglife-attendance.service';
import { checkIn, myMeetings, checkinInfo as readCheckin } from './orglife-checkin.service';
import { addAttachment, openAttachment, removeAttachment } from './orglife-files.service';
import { addObserver, addResolution, recordReviews, removeObserver, removeResolution } from './orglife-record.service';

const tags = ['orglife'];
const detail = { 200: meetingDetail };

/**
 * Uploading a photo or scan: the file itself is the request body. In this plugin every content type arrives as
 * bytes (up to the size limit, else 413), and the service accepts only real JPEG, PNG or PDF files (else 415).
 */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: orglifeLimits.attachmentBytes }, (_req, body, done) => done(null, body));
  app.post(
    '/api/meetings/:id/attachments',
    {
      bodyLimit: orglifeLimits.attachmentBytes,
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: '上传会议附件（照片、扫描件）',
        params: idParams,
        querystring: attachmentUploadQuery,
        consumes: Object.keys(attachmentTypes),
        response: { 200: attachment },
      },
    },
    (req) => addAttachment(ctxOf(req), req.params.id, { contentType: req.headers['content-type'], body: req.body, ...req.query }),
  );
};

/** Shown in the browser (a photo, a PDF), saved under its own name. */
const inline = (filename: string) => `inline; filename*=UTF-8''${encodeURIComponent(filename)}`;

export const orglifeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings',
    { config: { access: 'orglife.read' }, schema: { tags, summary: '会议列表', querystring: meetingListQuery, response: { 200: meetingPage } } },
    (req) => listMeetings(ctxOf(req), req.query),
  );
  app.get(
    '/api/meetings/calendar',
    { config: { access: 'orglife.read' }, schema: { tags, summary: '组织生活日历（按月）', querystring: calendarQuery, response: { 200: meetingCalendar } } },
    (req) => calendar(ctxOf(req), req.query),
  );
  app.post('/api/meetings', { config: { access: 'orglife.write' }, schema: { tags, summary: '安排会议', body: meetingCreate, response: detail } }, (req) =>
    planMeeting(ctxOf(req), req.body),
  );
  app.get('/api/meetings/:id', { config: { access: 'orglife.read' }, schema: { tags, summary: '会议记录', params: idParams, response: detail } }, (req) =>
    getMeeting(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/meetings/:id',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '修改会议记录（含状态）', params: idParams, body: meetingUpdate, response: detail } },
    (req) => updateMeeting(ctxOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/meetings/:id/attendance/:memberId',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: '更正出勤（出席、请假、缺席）', params: attendanceParams, body: attendanceCorrection, response: detail },
    },
    (req) => correctAttendance(ctxOf(req), req.params.id, req.params.memberId, req.body),
  );
  app.delete(
    '/api/meetings/:id/attendance/:memberId',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '移出应到人员', params: attendanceParams, response: detail } },
    (req) => removeAttendee(ctxOf(req), req.params.id, req.params.memberId),
  );
  app.post(
    '/api/meetings/:id/observers',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '登记列席人员', params: idParams, body: observerInput, response: detail } },
    (req) => addObserver(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/meetings/:id/observers/:observerId',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '删除列席人员', params: observerParams, response: detail } },
    (req) => removeObserver(ctxOf(req), req.params.id, req.params.observerId),
  );
  app.post(
    '/api/meetings/:id/resolutions',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '登记决议及表决结果', params: idParams, body: resolutionInput, response: detail } },
    (req) => addResolution(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/meetings/:id/resolutions/:resolutionId',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '删除决议', params: resolutionParams, response: detail } },
    (req) => removeResolution(ctxOf(req), req.params.id, req.params.resolutionId),
  );
  app.put(
    '/api/meetings/:id/reviews',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '登记民主评议等次', params: idParams, body: reviewsInput, response: detail } },
    (req) => recordReviews(ctxOf(req), req.params.id, req.body),
  );
  await app.register(uploadRoutes);
  app.get(
    '/api/meetings/:id/attachments/:attachmentId',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: '查看会议附件', params: attachmentParams, produces: Object.keys(attachmentTypes) },
    },
    async (req, reply) => {
      const file = await openAttachment(ctxOf(req), req.params.id, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', inline(file.filename))
        .header('cache-control', 'private, max-age=3600')
        .send(file.stream);
    },
  );
  app.delete(
    '/api/meetings/:id/attachments/:attachmentId',
    { config: { access: 'orglife.write' }, schema: { tags, summary: '删除会议附件', params: attachmentParams, response: detail } },
    (req) => removeAttachment(ctxOf(req), req.params.id, req.params.attachmentId),
  );

  app.get(
    '/api/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags, summary: '扫码签到：会议与本人状态', params: checkinParams, response: { 200: checkinInfo } } },
    (req) => readCheckin(ctxOf(req), req.params.token),
  );
  app.post(
    '/api/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags, summary: '扫码签到', params: checkinParams, response: { 200: checkinResult } } },
    (req) => checkIn(ctxOf(req), req.params.token),
  );
  app.get(
    '/api/orglife/mine',
    { config: { access: 'authenticated' }, schema: { tags, summary: '本人参加组织生活情况', querystring: myMeetingsQuery, response: { 200: myMeetingPage } } },
    (req) => myMeetings(ctxOf(req), req.query),
  );
  app.get(
    '/api/orglife/attendance/orgs',
    { config: { access: 'orglife.read' }, schema: { tags, summary: '出勤率（按组织）', querystring: ratesQuery, response: { 200: orgRatePage } } },
    (req) => orgRates(ctxOf(req), req.query),
  );
  app.get(
    '/api/orglife/attendance/members',
    { config: { access: 'orglife.read' }, schema: { tags, summary: '出勤率（按党员）', querystring: ratesQuery, response: { 200: memberRatePage } } },
    (req) => memberRates(ctxOf(req), req.query),
  );
};
