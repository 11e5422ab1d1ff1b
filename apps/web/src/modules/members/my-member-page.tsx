import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { CategoryTag, MemberFacts, StatusTag } from './member-labels';
import { myMemberQuery } from './member-queries';

/** 我的信息: the signed-in member's own record, in full; laid out for a phone first. */
export function MyMemberPage() {
  const mine = useQuery(myMemberQuery());

  return (
    <>
      <PageHeader title="我的信息" extra={<Link to="/me/figures">我的数据（组织生活、党费、转接、入党历程）</Link>} />
      <Card data-testid="my-member">
        {mine.isPending ? (
          <Skeleton active />
        ) : mine.isError ? (
          mine.error instanceof ApiError && mine.error.status === 404 ? (
            <EmptyState description={mine.error.detail ?? mine.error.title} />
          ) : (
            <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
          )
        ) : (
          <>
            <div style={{ marginBottom: 12 }}>
              <CategoryTag category={mine.data.category} />
              <StatusTag status={mine.data.status} />
            </div>
            <MemberFacts member={mine.data} />
          </>
        )}
      </Card>
    </>
  );
}
