import { type AttendanceStatus, attendanceStatuses, type MeetingKind, type MeetingStatus, meetingKinds, meetingStatuses } from '@hangbiao/shared/glossary';
import { Tag } from 'antd';
import dayjs from 'dayjs';

const statusColors: Record<MeetingStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag color={statusColors[status]}>{meetingStatuses.label(status)}</Tag>;
}

const attendanceColors: Record<AttendanceStatus, string> = { present: 'green', leave: 'orange', absent: 'red' };

/** Before a meeting is held an expected attendee who has not come yet is 未签到, not absent. */
export function AttendanceTag({ status, meetingStatus }: { status: AttendanceStatus; meetingStatus: MeetingStatus }) {
  if (status === 'absent' && meetingStatus === 'planned') return <Tag>未签到</Tag>;
  return <Tag color={attendanceColors[status]}>{attendanceStatuses.label(status)}</Tag>;
}

export const kindOptions = meetingKinds.keys.map((value: MeetingKind) => ({ value, label: meetingKinds.label(value) }));
export const statusOptions = meetingStatuses.keys.map((value: MeetingStatus) => ({ value, label: meetingStatuses.label(value) }));

/** An instant as people read it here: 2026-05-12 09:00. */
export const timeText = (instant: string) => dayjs(instant).format('YYYY-MM-DD HH:mm');

/** 09:00–11:00 on one day, or both ends in full across days. */
export function spanText(startsAt: string, endsAt: string): string {
  const start = dayjs(startsAt);
  const end = dayjs(endsAt);
  return start.isSame(end, 'day') ? `${start.format('YYYY-MM-DD HH:mm')}–${end.format('HH:mm')}` : `${timeText(startsAt)} 至 ${timeText(endsAt)}`;
}

export const rateText = (present: number, expected: number) => (expected > 0 ? `${Math.round((present / expected) * 1000) / 10}%` : '—');
