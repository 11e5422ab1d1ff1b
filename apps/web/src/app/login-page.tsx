import { loginBody } from '@hangbiao/shared/contracts/auth';
import { Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { fieldRules, useZodForm } from './forms';
import { safeNext } from './guards';
import { useLogin, useSession } from './session';

const rules = fieldRules(loginBody);

export function LoginPage() {
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { form, parse, fail, alert } = useZodForm(loginBody);

  if (session.data) return <Navigate to={session.data.mustChangePassword ? '/change-password' : next} replace />;

  return (
    <div className="hb-auth-page">
      <Card className="hb-auth-card">
        <div className="hb-auth-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              航标
            </Typography.Title>
            <Typography.Text type="secondary">机关党建工作平台</Typography.Text>
          </div>
        </div>
        {alert}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          size="large"
          onFinish={(values: Record<string, unknown>) => {
            const input = parse(values);
            if (!input) return;
            login.mutate(input, {
              onSuccess: (me) => navigate(me.mustChangePassword ? '/change-password' : next, { replace: true }),
              onError: fail,
            });
          }}
        >
          <Form.Item name="username" label="用户名" rules={rules('username')}>
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={rules('password')}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
