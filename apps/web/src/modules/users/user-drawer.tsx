import { passwordReset, roleGrant, type User, userUpdate } from '@hangbiao/shared/contracts/users';
import { roles } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Divider, Drawer, Flex, Form, Input, Popconfirm, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { errorText } from '../../app/api';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { useCan, useMe } from '../../app/session';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { OrgPicker } from '../../components/org-picker';
import { MemberSelect } from '../members/transfer-pickers';
import { roleOptions } from './role-tags';
import { userApi, userDetailQuery, userKeys } from './user-queries';

const grantRules = fieldRules(roleGrant);
const nameRule = fieldRules(userUpdate)('displayName');
const passwordRule = fieldRules(passwordReset)('password');
const memberRule = [{ required: true, message: '请选择党员' }];

/** Every change returns the user with a new version; keep it so the next change is not refused as stale. */
function useUserMutation<I>(userId: string, run: (input: I) => Promise<User>, done: string, onError?: (error: unknown) => void) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData(userKeys.detail(userId), updated);
      void client.invalidateQueries({ queryKey: ['users', 'list'] });
      void message.success(done);
    },
    onError: onError ?? ((error) => message.error(errorText(error))),
  });
}

export function UserDrawer({ userId, onClose }: { userId: string | undefined; onClose: () => void }) {
  return (
    <Drawer title="用户详情" open={userId !== undefined} onClose={onClose} size={520} destroyOnHidden>
      {userId && <UserDetail userId={userId} />}
    </Drawer>
  );
}

function UserDetail({ userId }: { userId: string }) {
  const detail = useQuery(userDetailQuery(userId));
  const can = useCan();
  const me = useMe();

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;

  const user = detail.data;
  const manage = can('users.manage');
  const locked = user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());

  return (
    <Flex vertical gap={8}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'name', label: '姓名', children: user.displayName },
          {
            key: 'member',
            label: '关联党员',
            children: user.member ? `${user.member.name}（${user.member.orgName}）` : <Typography.Text type="secondary">未关联</Typography.Text>,
          },
          {
            key: 'status',
            label: '状态',
            children: (
              <Flex gap={4} wrap>
                {user.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
                {locked && <Tag color="red">锁定至 {dayjs(user.lockedUntil).format('MM-DD HH:mm')}</Tag>}
                {user.mustChangePassword && <Tag color="orange">待修改密码</Tag>}
              </Flex>
            ),
          },
        ]}
      />
      {manage && (
        <>
          <Divider titlePlacement="start">账户</Divider>
          <ActiveSwitch user={user} self={user.id === me.id} />
          <DisplayNameForm user={user} />
          <MemberLinkForm user={user} />
          <Divider titlePlacement="start">角色与组织范围</Divider>
        </>
      )}
      <RoleList user={user} manage={manage} />
      {manage && (
        <>
          <GrantRoleForm user={user} />
          <Divider titlePlacement="start">重置密码</Divider>
          <ResetPasswordForm user={user} />
        </>
      )}
    </Flex>
  );
}

function ActiveSwitch({ user, self }: { user: User; self: boolean }) {
  const toggle = useUserMutation(user.id, (active: boolean) => userApi.update(user.id, { version: user.version, active }), '已更新账户状态');
  return (
    <Flex align="center" gap={8}>
      <Switch id="user-active" checked={user.active} loading={toggle.isPending} disabled={self} onChange={(active) => toggle.mutate(active)} />
      <label htmlFor="user-active">{user.active ? '已启用（关闭即停用，停用后不能登录）' : '已停用（打开即重新启用）'}</label>
      {self && <Typography.Text type="secondary">不能停用自己的账户</Typography.Text>}
    </Flex>
  );
}

function DisplayNameForm({ user }: { user: User }) {
  const form = useZodForm(userUpdate);
  const save = useUserMutation(user.id, (input: z.output<typeof userUpdate>) => userApi.update(user.id, input), '已保存姓名', form.fail);
  return (
    <ZodForm
      form={form}
      mutation={save}
      layout="inline"
      initialValues={{ displayName: user.displayName }}
      toInput={(values) => ({ version: user.version, displayName: values.displayName })}
    >
      <Form.Item name="displayName" label="姓名" rules={nameRule} style={{ flex: 1 }}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item style={{ marginInlineEnd: 0 }}>
        <Button htmlType="submit" loading={save.isPending}>
          保存姓名
        </Button>
      </Form.Item>
    </ZodForm>
  );
}

/** Links the login to the person's member record, or unlinks it: their own pages and check-ins follow the link. */
function MemberLinkForm({ user }: { user: User }) {
  const form = useZodForm(userUpdate);
  const link = useUserMutation(user.id, (input: z.output<typeof userUpdate>) => userApi.update(user.id, input), '已更新关联党员', form.fail);
  return (
    <ZodForm form={form} mutation={link} resetOnSuccess toInput={(values) => ({ version: user.version, memberId: values.memberId })}>
      <Flex gap={8} align="end" wrap>
        <Form.Item name="memberId" label="关联党员" rules={memberRule} style={{ flex: 1, minWidth: 200, marginBottom: 0 }}>
          <MemberSelect />
        </Form.Item>
        <Button htmlType="submit" loading={link.isPending}>
          {user.member ? '改为关联' : '关联'}
        </Button>
        {user.member && (
          <Popconfirm
            title="解除关联后，该用户不能再签到和查看本人信息。确定解除？"
            okText="解除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => link.mutateAsync({ version: user.version, memberId: null }).catch(() => undefined)}
          >
            <Button danger type="link">
              解除关联
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </ZodForm>
  );
}

function RoleList({ user, manage }: { user: User; manage: boolean }) {
  const revoke = useUserMutation(user.id, (assignmentId: string) => userApi.revokeRole(user.id, assignmentId), '已移除角色');
  if (user.roles.length === 0) return <EmptyState description="尚未分配角色，该用户登录后看不到任何功能" />;
  return (
    <Flex vertical gap={6}>
      {user.roles.map((assignment) => (
        <Flex key={assignment.id} justify="space-between" align="center" className="hb-role-row">
          <span>
            <Tag color={assignment.role === 'committee_admin' ? 'red' : 'blue'}>{roles.label(assignment.role)}</Tag>
            {assignment.orgName}
          </span>
          {manage && (
            <Popconfirm
              title="移除该角色？"
              okText="移除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => revoke.mutateAsync(assignment.id).catch(() => undefined)}
            >
              <Button size="small" danger type="link">
                移除
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

function GrantRoleForm({ user }: { user: User }) {
  const form = useZodForm(roleGrant);
  const grant = useUserMutation(user.id, (input: z.output<typeof roleGrant>) => userApi.grantRole(user.id, input), '已添加角色', form.fail);
  return (
    <ZodForm form={form} mutation={grant} resetOnSuccess>
      <Flex gap={8} align="end" wrap>
        <Form.Item name="role" label="角色" rules={grantRules('role')} style={{ width: 150, marginBottom: 0 }}>
          <Select options={roleOptions} placeholder="选择角色" />
        </Form.Item>
        <Form.Item name="orgId" label="组织范围" rules={grantRules('orgId')} style={{ flex: 1, minWidth: 180, marginBottom: 0 }}>
          <OrgPicker />
        </Form.Item>
        <Button htmlType="submit" loading={grant.isPending}>
          添加角色
        </Button>
      </Flex>
    </ZodForm>
  );
}

function ResetPasswordForm({ user }: { user: User }) {
  const form = useZodForm(passwordReset);
  const resetPassword = useUserMutation(
    user.id,
    (input: z.output<typeof passwordReset>) => userApi.resetPassword(user.id, input),
    '密码已重置，用户下次登录须修改密码',
    form.fail,
  );
  return (
    <ZodForm form={form} mutation={resetPassword} resetOnSuccess toInput={(values) => ({ version: user.version, password: values.password })}>
      <Flex gap={8} align="end" wrap>
        <Form.Item name="password" label="新密码" rules={passwordRule} style={{ flex: 1, minWidth: 200, marginBottom: 0 }}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" danger loading={resetPassword.isPending}>
          重置密码
        </Button>
      </Flex>
    </ZodForm>
  );
}
