import type { OrgDetail } from '@hangbiao/shared/contracts/orgs';
import { allowedChildKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Flex, Popconfirm, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { OrgCreateDialog } from './org-create-dialog';
import { OrgEditDialog } from './org-edit-dialog';
import { OrgEventsTab } from './org-events-tab';
import { OrgFindings } from './org-findings';
import { KindTag, OrgFacts } from './org-labels';
import { orgApi, orgDetailQuery, orgKeys, unitKeys } from './org-queries';
import { OrgTermsTab } from './org-terms-tab';
import { ReformDialog } from './reform-dialog';

interface Props {
  orgId: string;
  /** Viewing the tree as of a past date: the org is shown, but not changed. */
  historical?: boolean;
  onCreated?: (org: OrgDetail) => void;
  onRemoved?: (org: OrgDetail) => void;
  extra?: ReactNode;
}

type Dialog = 'create' | 'edit' | 'reform';

export function OrgDetailPanel({ orgId, historical = false, onCreated, onRemoved, extra }: Props) {
  const detail = useQuery(orgDetailQuery(orgId));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const can = useCan();

  if (detail.isPending) {
    return (
      <Card data-testid="org-detail">
        <Skeleton active />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card data-testid="org-detail">
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }

  const org = detail.data;
  const writable = can('orgs.write') && !org.dissolvedOn && !historical;
  const close = () => setDialog(null);

  return (
    <Card
      data-testid="org-detail"
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong ellipsis style={{ maxWidth: 420, fontSize: 16 }}>
            {org.name}
          </Typography.Text>
          <KindTag kind={org.kind} />
          {org.dissolvedOn && <Tag color="default">已撤销（{org.dissolvedOn}）</Tag>}
        </Flex>
      }
      extra={extra}
    >
      {org.ancestors.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={org.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={`/orgs/${ancestor.id}`}>{ancestor.name}</Link> }))}
        />
      )}
      {writable && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {allowedChildKinds[org.kind].length > 0 && (
            <Button type="primary" data-testid="org-create-child" onClick={() => setDialog('create')}>
              新建下级组织
            </Button>
          )}
          <Button onClick={() => setDialog('edit')}>编辑联系人</Button>
          <Button onClick={() => setDialog('reform')}>机构改革</Button>
          <DeleteOrgButton org={org} onRemoved={onRemoved} />
        </Flex>
      )}
      {historical && <Typography.Paragraph type="secondary">当前为历史视图，组织信息显示为最新状态，历史视图下不能修改。</Typography.Paragraph>}
      <Tabs
        items={[
          { key: 'info', label: '基本信息', children: <OrgInfo org={org} /> },
          { key: 'terms', label: '班子与任期', children: <OrgTermsTab org={org} writable={writable} /> },
          { key: 'history', label: '历史沿革', children: <OrgEventsTab orgId={org.id} /> },
        ]}
      />
      {writable && (
        <>
          <OrgCreateDialog
            parent={org}
            open={dialog === 'create'}
            onClose={close}
            onCreated={(created) => {
              close();
              onCreated?.(created);
            }}
          />
          <OrgEditDialog org={org} open={dialog === 'edit'} onClose={close} />
          <ReformDialog org={org} open={dialog === 'reform'} onClose={close} />
        </>
      )}
    </Card>
  );
}

function OrgInfo({ org }: { org: OrgDetail }) {
  const coveredNames = org.coveredUnits.map((unit) => unit.name).join('、');

  return (
    <Flex vertical gap={16}>
      <OrgFacts
        items={[
          { key: 'name', label: '组织名称', children: org.name, span: { xs: 1, md: 2 } },
          { key: 'kind', label: '组织类别', children: <KindTag kind={org.kind} /> },
          org.kind === 'jointBranch'
            ? { key: 'units', label: '覆盖单位', children: coveredNames || '—' }
            : { key: 'unit', label: '所属单位', children: org.unitName ?? '—' },
          { key: 'established', label: '成立日期', children: org.establishedOn },
          { key: 'dissolved', label: '撤销日期', children: org.dissolvedOn ?? '—' },
          { key: 'contact', label: '联系人', children: org.contactName ?? '—' },
          { key: 'phone', label: '联系电话', children: org.contactPhone ?? '—' },
          { key: 'members', label: '党员人数', children: `${org.memberCount} 人（正式党员 ${org.fullMemberCount} 人）` },
          { key: 'children', label: '下级组织', children: `${org.childCount} 个` },
        ]}
      />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          组织设置检查
        </Typography.Title>
        <OrgFindings findings={org.findings} />
      </div>
    </Flex>
  );
}

function DeleteOrgButton({ org, onRemoved }: { org: OrgDetail; onRemoved: Props['onRemoved'] }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => orgApi.remove(org.id),
    onSuccess: async () => {
      void message.success(`已删除“${org.name}”`);
      // Leave the deleted org first, so refreshing does not refetch it into a 404.
      onRemoved?.(org);
      client.removeQueries({ queryKey: orgKeys.detail(org.id) });
      await Promise.all([client.invalidateQueries({ queryKey: orgKeys.all }), client.invalidateQueries({ queryKey: unitKeys.all })]);
    },
    onError: (error) => message.error(errorText(error)),
  });

  return (
    <Popconfirm
      title="删除该组织？"
      description="仅用于删除误建的组织；撤销请使用“机构改革”，以保留历史。"
      okText="删除"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    >
      <Button danger loading={remove.isPending}>
        删除
      </Button>
    </Popconfirm>
  );
}
