import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { roles as roleLabels } from '@hangbiao/shared/glossary';
import { App, Button, Drawer, Flex, Grid, Layout, Menu, type MenuProps, Spin, Tag, Tooltip } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { NoticeBell } from '../modules/notices/notice-bell';
import { errorText } from './api';
import { areas, navKeyOf } from './navigation';
import { useCan, useLogout, useMe } from './session';

function RoleSummary() {
  const me = useMe();
  const [first, ...rest] = me.roles;
  if (!first) return null;
  const text = (role: typeof first) => `${roleLabels.label(role.role)} · ${role.orgName}`;
  return (
    <Tooltip title={me.roles.map((role) => <div key={role.id}>{text(role)}</div>)}>
      <span className="hb-roles">
        <Tag color="red" variant="outlined" style={{ marginInlineEnd: 4 }}>
          {text(first)}
        </Tag>
        {rest.length > 0 && <Tag>+{rest.length}</Tag>}
      </span>
    </Tooltip>
  );
}

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const can = useCan();
  const location = useLocation();
  const visible = areas.map((area) => ({ ...area, items: area.items.filter((item) => can(item.permission)) })).filter((area) => area.items.length > 0);

  const items: MenuProps['items'] = visible.map((area) => {
    // An area whose one page bears the area's name is one entry; otherwise its pages sit under its heading.
    const [only] = area.items;
    if (only && area.items.length === 1 && only.label === area.label)
      return { key: only.path, icon: area.icon, label: <Link to={only.path}>{area.label}</Link> };
    return {
      key: area.key,
      icon: area.icon,
      label: area.label,
      children: area.items.map((item) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> })),
    };
  });

  const selected = navKeyOf(location.pathname);
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={visible.map((area) => area.key)}
      onClick={onNavigate}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}

export function AppLayout() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const mobile = screens.lg === false;
  const [menuOpen, setMenuOpen] = useState(false);

  const signOut = () =>
    logout.mutate(undefined, {
      onError: (error) => message.error(errorText(error)),
      onSettled: () => navigate('/login', { replace: true }),
    });

  return (
    <Layout className="hb-shell">
      <Layout.Header className="hb-header">
        <Flex align="center" gap={8}>
          {mobile && <Button type="text" aria-label="打开菜单" icon={<MenuOutlined />} onClick={() => setMenuOpen(true)} />}
          <Link to="/" className="hb-brand">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>航标</span>
            <span className="hb-brand-sub">机关党建工作平台</span>
          </Link>
        </Flex>
        <Flex align="center" gap={8} className="hb-header-user">
          {!mobile && <RoleSummary />}
          <NoticeBell />
          <Link to="/account" className="hb-user-link">
            <UserOutlined /> {me.displayName}
          </Link>
          <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} onClick={signOut}>
            退出登录
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        {mobile ? (
          <Drawer placement="left" open={menuOpen} onClose={() => setMenuOpen(false)} size={240} title="功能菜单" styles={{ body: { padding: 0 } }}>
            <SideMenu onNavigate={() => setMenuOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={208} theme="light" className="hb-sider">
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout.Content className="hb-content">
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
