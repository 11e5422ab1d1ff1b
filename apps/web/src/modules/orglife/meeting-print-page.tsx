import { id as uuid } from '@hangbiao/shared/contracts/common';
import type { MeetingDetail } from '@hangbiao/shared/contracts/orglife';
import { attendanceStatuses, meetingKinds, observerRatings } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Button, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { ErrorAlert } from '../../components/error-display';
import { spanText } from './meeting-labels';
import { meetingQuery } from './orglife-queries';
import './meeting-print.css';

/** 会议记录 in the standard paper layout, for printing or saving as PDF from the browser. */
export function MeetingPrintPage() {
  const { id } = useParams();
  if (!id || !uuid.safeParse(id).success) return <NotFoundPage />;
  return <PrintedRecord id={id} />;
}

function PrintedRecord({ id }: { id: string }) {
  const query = useQuery(meetingQuery(id));
  useEffect(() => {
    if (query.data) document.title = `${query.data.title} · 会议记录`;
  }, [query.data]);
  if (query.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ margin: 24 }} />;
  return <RecordSheet meeting={query.data} />;
}

const joined = (items: string[]) => (items.length ? items.join('、') : '无');
/** Notes in full-width brackets after an item, or nothing when there are none. */
const aside = (notes: (string | false | undefined)[]) => {
  const text = notes.filter(Boolean).join('，');
  return text ? `（${text}）` : '';
};

function RecordSheet({ meeting }: { meeting: MeetingDetail }) {
  const present = meeting.attendance.filter((a) => a.status === 'present');
  const away = meeting.attendance.filter((a) => a.status !== 'present');
  return (
    <div className="hb-print" data-testid="meeting-print">
      <div className="hb-print-actions">
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <h1>{meetingKinds.label(meeting.kind)}记录</h1>
      <div className="hb-print-org">{meeting.orgPathNames.at(-1)}</div>
      <table>
        <tbody>
          <tr>
            <th>会议名称</th>
            <td colSpan={3}>{meeting.title}</td>
          </tr>
          <tr>
            <th>时间</th>
            <td>{spanText(meeting.startsAt, meeting.endsAt)}</td>
            <th>地点</th>
            <td>{meeting.place ?? ''}</td>
          </tr>
          <tr>
            <th>主持人</th>
            <td>{meeting.hostName ?? ''}</td>
            <th>记录人</th>
            <td>{meeting.recorderName ?? ''}</td>
          </tr>
          <tr>
            <th>应到人数</th>
            <td>{meeting.expectedCount}</td>
            <th>实到人数</th>
            <td>{meeting.presentCount}</td>
          </tr>
          <tr>
            <th>出席人员</th>
            <td colSpan={3}>{joined(present.map((a) => a.name))}</td>
          </tr>
          <tr>
            <th>缺席人员及原因</th>
            <td colSpan={3}>{joined(away.map((a) => `${a.name}（${attendanceStatuses.label(a.status)}${a.reason ? `：${a.reason}` : ''}）`))}</td>
          </tr>
          <tr>
            <th>列席人员</th>
            <td colSpan={3}>
              {joined(meeting.observers.map((o) => `${o.name}（${o.fromOrg}${o.rating ? `，评价：${observerRatings.label(o.rating)}` : ''}）`))}
            </td>
          </tr>
          <tr>
            <th>会议议程</th>
            <td colSpan={3}>{meeting.agenda.map((item, index) => `${index + 1}. ${item}`).join('\n')}</td>
          </tr>
          <tr>
            <th>第一议题</th>
            <td colSpan={3}>{meeting.firstTopic ?? ''}</td>
          </tr>
          {meeting.theme && (
            <tr>
              <th>活动主题</th>
              <td colSpan={3}>{meeting.theme}</td>
            </tr>
          )}
          {meeting.speakerName && (
            <tr>
              <th>授课人</th>
              <td colSpan={3}>
                {meeting.speakerName}
                {meeting.speakerIsLeadingCadre ? '（领导干部）' : ''}
              </td>
            </tr>
          )}
          <tr>
            <th>讨论要点</th>
            <td colSpan={3} className="hb-print-tall">
              {meeting.minutes ?? ''}
            </td>
          </tr>
          <tr>
            <th>决议及表决</th>
            <td colSpan={3}>
              {meeting.resolutions
                .map(
                  (r, index) =>
                    `${index + 1}. ${r.title}：应到会有表决权 ${r.entitled} 人，实到 ${r.presentVoters} 人；赞成 ${r.votesFor} 票，反对 ${r.votesAgainst} 票，弃权 ${r.votesAbstain} 票${
                      r.writtenOpinions ? `（含书面意见 ${r.writtenOpinions} 份）` : ''
                    }，${r.passed ? '通过' : '未通过'}。`,
                )
                .join('\n') || '无'}
            </td>
          </tr>
          {meeting.rectifications.length > 0 && (
            <tr>
              <th>整改清单</th>
              <td colSpan={3}>
                {meeting.rectifications
                  .map((r, index) => `${index + 1}. ${r.content}${aside([r.owner && `责任人：${r.owner}`, r.dueOn && `时限：${r.dueOn}`])}`)
                  .join('\n')}
              </td>
            </tr>
          )}
          <tr>
            <th>签字</th>
            <td colSpan={3}>主持人：　　　　　　　　　　记录人：</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
