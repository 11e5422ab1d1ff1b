import { type User, userListQuery } from '@hangbiao/shared/contracts/users';
import { Button, Flex, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filter-bar';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { RoleTags, roleOptions } from './role-tags';
import { UserCreateDialog } from './user-create-dialog';
import { UserDrawer } from './user-drawer';
import { fetchUserPage, userKeys } from './user-queries';

function StatusTags({ user }: { user: User }) {
  const locked = user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());
  return (
    <Flex gap={4} wrap>
      {user.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
      {locked && <Tag color="red">已锁定</Tag>}
      {user.mustChangePassword && <Tag color="orange">待改密</Tag>}
    </Flex>
  );
}

/** 用户与权限: accounts, their roles per org scope, and account status. The open user is `?user=…`. */
export function UserListPage() {
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const { params, update, table } = usePagedList(userListQuery, userKeys.list, fetchUserPage);
  const [creating, setCreating] = useState(false);
  const openUser = search.get('user') ?? undefined;

  const setOpenUser = (id: string | undefined) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (id) next.set('user', id);
      else next.delete('user');
      return next;
    });

  const columns: ColumnsType<User> = [
    { key: 'username', title: '用户名', sorter: true, dataIndex: 'username' },
    { key: 'displayName', title: '姓名', sorter: true, sortDirections: ['ascend'], dataIndex: 'displayName' },
    { key: 'member', title: '关联党员', render: (_, user) => user.member?.name ?? '—' },
    { key: 'roles', title: '角色与组织范围', render: (_, user) => <RoleTags assignments={user.roles} /> },
    { key: 'status', title: '状态', render: (_, user) => <StatusTags user={user} /> },
    {
      key: 'actions',
      title: '操作',
      render: (_, user) => (
        <Button type="link" size="small" onClick={() => setOpenUser(user.id)}>
          {can('users.manage') ? '管理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="用户与权限"
        extra={
          can('users.manage') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建用户
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchFilter label="用户" id="user-q" width={220} placeholder="用户名或姓名" value={params.q} onSearch={(q) => update({ q })} />
        <SelectFilter label="角色" id="user-role" width={160} value={params.role} options={roleOptions} onChange={(role) => update({ role })} />
      </FilterBar>
      <PagedTable<User> {...table} rowKey="id" columns={columns} emptyText="没有符合条件的用户" />
      <UserDrawer userId={openUser} onClose={() => setOpenUser(undefined)} />
      {can('users.manage') && (
        <UserCreateDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpenUser(id);
          }}
        />
      )}
    </>
  );
}
