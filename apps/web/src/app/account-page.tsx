import { roles } from '@hangbiao/shared/glossary';
import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { PageHeader } from '../components/page-header';
import { ChangePasswordForm } from './change-password-form';
import { useMe } from './session';

/** 我的账户: who I am, what I may do where, and changing my password. Usable on a phone. */
export function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="我的账户" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="账户信息">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: '用户名', children: me.username },
                { key: 'name', label: '姓名', children: me.displayName },
                {
                  key: 'roles',
                  label: '角色',
                  children: me.roles.length ? (
                    <Flex vertical gap={4}>
                      {me.roles.map((role) => (
                        <span key={role.id}>
                          <Tag color="red" variant="outlined">
                            {roles.label(role.role)}
                          </Tag>
                          {role.orgName}
                        </span>
                      ))}
                    </Flex>
                  ) : (
                    '尚未分配角色'
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="修改密码">
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </>
  );
}
