import { id as uuid } from '@hangbiao/shared/contracts/common';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { PageHeader } from '../../components/page-header';
import { OrgDetailPanel } from './org-detail-panel';

export function OrgDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  if (!id || !uuid.safeParse(id).success) return <NotFoundPage />;

  return (
    <>
      <PageHeader title="组织详情" extra={<Link to={`/orgs/tree?org=${id}`}>在组织树中查看</Link>} />
      <OrgDetailPanel
        key={id}
        orgId={id}
        onCreated={(org) => navigate(`/orgs/${org.id}`)}
        onRemoved={(org) => navigate(org.parentId ? `/orgs/${org.parentId}` : '/orgs')}
      />
    </>
  );
}
