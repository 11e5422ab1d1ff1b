import { id as uuid } from '@hangbiao/shared/contracts/common';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Skeleton, Tabs, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { CategoryTag, StatusTag } from './member-labels';
import { memberDetailQuery } from './member-queries';
import { memberTabs } from './member-tabs';

/** One member: the record and, in tabs, everything kept about them. */
export function MemberPage() {
  const { id } = useParams();
  if (!id || !uuid.safeParse(id).success) return <NotFoundPage />;
  return (
    <>
      <PageHeader title="党员信息" extra={<Link to="/members">返回党员名册</Link>} />
      <MemberCard key={id} memberId={id} />
    </>
  );
}

function MemberCard({ memberId }: { memberId: string }) {
  const detail = useQuery(memberDetailQuery(memberId));
  const can = useCan();
  const [search, setSearch] = useSearchParams();

  if (detail.isPending || detail.isError) {
    return (
      <Card data-testid="member-detail">
        {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : <Skeleton active />}
      </Card>
    );
  }

  const member = detail.data;
  const tabs = memberTabs.filter((tab) => !tab.permission || can(tab.permission));
  const active = tabs.find((tab) => tab.key === search.get('tab'))?.key ?? tabs[0]?.key;

  return (
    <Card
      data-testid="member-detail"
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {member.name}
          </Typography.Text>
          <CategoryTag category={member.category} />
          <StatusTag status={member.status} />
        </Flex>
      }
    >
      <Tabs
        activeKey={active}
        onChange={(key) => setSearch({ tab: key }, { replace: true })}
        items={tabs.map((tab) => ({ key: tab.key, label: tab.label, children: tab.render(member) }))}
      />
    </Card>
  );
}
