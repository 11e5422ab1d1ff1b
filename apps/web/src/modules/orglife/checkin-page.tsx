import type { CheckinInfo, CheckinResult } from '@hangbiao/shared/contracts/orglife';
import { meetingKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton } from 'antd';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { spanText, timeText } from './meeting-labels';
import { checkinQuery, meetingApi, meetingKeys } from './orglife-queries';

/** 扫码签到: the page a meeting's QR code opens on a member's phone (after logging in, they come back here). */
export function CheckinPage() {
  const { token } = useParams();
  if (!token) return <NotFoundPage />;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <Checkin token={token} />
    </div>
  );
}

function Checkin({ token }: { token: string }) {
  const me = useMe();
  const client = useQueryClient();
  const info = useQuery(checkinQuery(token));
  const checkIn = useMutation({
    mutationFn: () => meetingApi.checkIn(token),
    onSuccess: (result) =>
      client.setQueryData(meetingKeys.checkin(token), (previous?: CheckinInfo) => previous && { ...previous, checkedInAt: result.checkedInAt }),
  });

  if (info.isPending) return <Skeleton active />;
  if (info.isError) return <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />;
  const meeting = info.data;
  const done: CheckinResult | undefined = checkIn.data;

  return (
    <Card title="会议签到" extra={me.displayName}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'title', label: '会议', children: meeting.title },
          { key: 'kind', label: '类型', children: meetingKinds.label(meeting.kind) },
          { key: 'org', label: '党组织', children: meeting.orgName },
          { key: 'time', label: '时间', children: spanText(meeting.startsAt, meeting.endsAt) },
          { key: 'place', label: '地点', children: meeting.place ?? '—' },
        ]}
      />
      {meeting.checkedInAt ? (
        <Result
          status="success"
          title={done && !done.alreadyCheckedIn ? '签到成功' : '您已签到'}
          subTitle={`签到时间 ${timeText(meeting.checkedInAt)}`}
          data-testid="checkin-done"
        />
      ) : (
        <CheckinAction meeting={meeting} pending={checkIn.isPending} error={checkIn.error} onCheckIn={() => checkIn.mutate()} />
      )}
    </Card>
  );
}

function CheckinAction({ meeting, pending, error, onCheckIn }: { meeting: CheckinInfo; pending: boolean; error: unknown; onCheckIn: () => void }) {
  const window = `签到时间：${timeText(meeting.opensAt)} 至 ${timeText(meeting.closesAt)}`;
  if (!meeting.linked) return <Alert type="warning" showIcon title="当前账户尚未关联党员信息" description="请联系所在党组织的党务管理员关联后再签到。" />;
  if (!meeting.expected) return <Alert type="warning" showIcon title="您不是本次会议的应到人员" description="如需参会，请联系会议组织者。" />;
  if (meeting.state === 'cancelled') return <Alert type="info" showIcon title="会议已取消，无需签到" />;
  if (meeting.state === 'notYet') return <Alert type="info" showIcon title="签到尚未开始" description={window} />;
  if (meeting.state === 'closed') return <Alert type="info" showIcon title="签到已结束" description={window} />;
  return (
    <>
      {error ? <ErrorAlert error={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" size="large" block loading={pending} onClick={onCheckIn} style={{ height: 56, fontSize: 18, marginTop: 8 }}>
        签 到
      </Button>
      <div style={{ textAlign: 'center', marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>{window}</div>
    </>
  );
}
