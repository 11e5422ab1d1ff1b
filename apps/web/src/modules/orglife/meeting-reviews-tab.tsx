import type { Attendee, MeetingDetail, ReviewsInput } from '@hangbiao/shared/contracts/orglife';
import { type ReviewGrade, reviewGrades } from '@hangbiao/shared/glossary';
import { Button, Flex, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { meetingApi } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

type Row = ReviewsInput['grades'][number];
const gradeOptions = reviewGrades.keys.map((value) => ({ value, label: reviewGrades.label(value) }));

/** 民主评议: per attendee the self, peer and final (collective) grade; saved all at once. */
export function MeetingReviewsTab({ meeting }: { meeting: MeetingDetail }) {
  const [grades, setGrades] = useState<Map<string, Partial<Row>>>(
    () =>
      new Map(
        meeting.reviews.map((r) => [
          r.memberId,
          { memberId: r.memberId, grade: r.grade, selfGrade: r.selfGrade ?? undefined, peerGrade: r.peerGrade ?? undefined },
        ]),
      ),
  );
  const save = useMeetingChange(meeting.id, (input: ReviewsInput) => meetingApi.recordReviews(meeting.id, input), { success: '评议结果已保存' });
  const writable = meeting.canWrite && meeting.status !== 'cancelled';
  const set = (memberId: string, key: 'selfGrade' | 'peerGrade' | 'grade', value: ReviewGrade | undefined) =>
    setGrades((previous) => new Map(previous).set(memberId, { ...previous.get(memberId), memberId, [key]: value }));

  const select = (a: Attendee, key: 'selfGrade' | 'peerGrade' | 'grade') => (
    <Select<ReviewGrade>
      size="small"
      style={{ width: 120 }}
      allowClear
      disabled={!writable}
      options={gradeOptions}
      value={grades.get(a.memberId)?.[key] ?? undefined}
      onChange={(value) => set(a.memberId, key, value)}
    />
  );
  const columns: ColumnsType<Attendee> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '自评', render: (_, a) => select(a, 'selfGrade') },
    { title: '互评', render: (_, a) => select(a, 'peerGrade') },
    { title: '评定等次（组织评定）', render: (_, a) => select(a, 'grade') },
  ];
  const rows = [...grades.values()].filter((g): g is Row => Boolean(g.grade && g.memberId));

  return (
    <Flex vertical gap={12}>
      <Table<Attendee> size="small" rowKey="memberId" columns={columns} dataSource={meeting.attendance} pagination={false} />
      {writable && (
        <Flex justify="end">
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate({ grades: rows })}>
            保存评议结果（{rows.length} 人已评定）
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
