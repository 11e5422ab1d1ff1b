import {
  type AttendanceCorrection,
  attachment,
  checkinInfo,
  checkinResult,
  type MeetingCreate,
  type MeetingUpdate,
  meetingCalendar,
  meetingDetail,
  type meetingListQuery,
  meetingPage,
  type ObserverInput,
  type ResolutionInput,
  type ReviewsInput,
} from '@hangbiao/shared/contracts/orglife';
import type { AttachmentKind } from '@hangbiao/shared/glossary';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type MeetingListParams = Partial<z.output<typeof meetingListQuery>>;

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (params: MeetingListParams) => ['meetings', 'list', params] as const,
  calendar: (under: string | undefined, month: string) => ['meetings', 'calendar', under ?? 'all', month] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  checkin: (token: string) => ['checkin', token] as const,
};

export const fetchMeetingPage = (params: MeetingListParams) => api.get('/api/meetings', meetingPage, params);

export const calendarQuery = (under: string | undefined, month: string) =>
  queryOptions({ queryKey: meetingKeys.calendar(under, month), queryFn: () => api.get('/api/meetings/calendar', meetingCalendar, { under, month }) });

export const meetingQuery = (id: string) => queryOptions({ queryKey: meetingKeys.detail(id), queryFn: () => api.get(`/api/meetings/${id}`, meetingDetail) });

export const checkinQuery = (token: string) =>
  queryOptions({ queryKey: meetingKeys.checkin(token), queryFn: () => api.get(`/api/checkin/${token}`, checkinInfo), refetchInterval: 30_000 });

const base = (id: string) => `/api/meetings/${id}`;

/** Each write answers with the meeting as it now is (or, for an upload, the stored file). */
export const meetingApi = {
  plan: (input: MeetingCreate) => api.post('/api/meetings', meetingDetail, input),
  update: (id: string, input: MeetingUpdate) => api.patch(base(id), meetingDetail, input),
  correct: (id: string, memberId: string, input: AttendanceCorrection) => api.put(`${base(id)}/attendance/${memberId}`, meetingDetail, input),
  removeAttendee: (id: string, memberId: string) => api.delete(`${base(id)}/attendance/${memberId}`, meetingDetail),
  addObserver: (id: string, input: ObserverInput) => api.post(`${base(id)}/observers`, meetingDetail, input),
  removeObserver: (id: string, observerId: string) => api.delete(`${base(id)}/observers/${observerId}`, meetingDetail),
  addResolution: (id: string, input: ResolutionInput) => api.post(`${base(id)}/resolutions`, meetingDetail, input),
  removeResolution: (id: string, resolutionId: string) => api.delete(`${base(id)}/resolutions/${resolutionId}`, meetingDetail),
  recordReviews: (id: string, input: ReviewsInput) => api.put(`${base(id)}/reviews`, meetingDetail, input),
  upload: (id: string, file: File, kind: AttachmentKind) => api.upload(`${base(id)}/attachments`, attachment, file, { name: file.name, kind }),
  removeAttachment: (id: string, attachmentId: string) => api.delete(`${base(id)}/attachments/${attachmentId}`, meetingDetail),
  checkIn: (token: string) => api.post(`/api/checkin/${token}`, checkinResult),
};

export const attachmentHref = (meetingId: string, attachmentId: string) => `${base(meetingId)}/attachments/${attachmentId}`;
export const checkinLink = (token: string) => `${window.location.origin}/checkin/${token}`;
