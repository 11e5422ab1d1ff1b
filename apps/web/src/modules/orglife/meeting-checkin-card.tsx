import type { MeetingDetail } from '@hangbiao/shared/contracts/orglife';
import { Card, Flex, QRCode, Typography } from 'antd';
import { timeText } from './meeting-labels';
import { checkinLink } from './orglife-queries';

/** The QR code members scan with their phones to check in, with its window; shown on a screen or printed at the door. */
export function MeetingCheckinCard({ meeting }: { meeting: MeetingDetail }) {
  if (!meeting.checkin || meeting.status !== 'planned') return null;
  const link = checkinLink(meeting.checkin.token);
  return (
    <Card size="small" title="扫码签到" data-testid="meeting-checkin">
      <Flex gap={16} align="center" wrap>
        <QRCode value={link} size={168} type="svg" errorLevel="M" />
        <Flex vertical gap={4} style={{ minWidth: 220, flex: 1 }}>
          <Typography.Text>党员用手机扫码登录后即可签到。</Typography.Text>
          <Typography.Text type="secondary">
            签到时间：{timeText(meeting.checkin.opensAt)} 至 {timeText(meeting.checkin.closesAt)}
          </Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: link }} data-testid="checkin-link">
            签到链接：{link}
          </Typography.Text>
          <Typography.Text>
            已签到 <strong>{meeting.presentCount}</strong> / 应到 {meeting.expectedCount} 人
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
