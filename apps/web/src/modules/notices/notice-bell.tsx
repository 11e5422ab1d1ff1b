import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { Link } from 'react-router';
import { noticeSummaryQuery } from './notice-queries';

/** The header bell: the count of unread reminders, opening the inbox. */
export function NoticeBell() {
  const { data } = useQuery(noticeSummaryQuery);
  const unread = data?.unread ?? 0;
  return (
    <Tooltip title={unread > 0 ? `${unread} 条未读提醒` : '提醒'}>
      <Link to="/notices" aria-label={unread > 0 ? `提醒，${unread} 条未读` : '提醒'}>
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" icon={<BellOutlined />} tabIndex={-1} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
