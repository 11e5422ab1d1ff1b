import { Alert, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from './change-password-form';
import { useLogout, useMe } from './session';

/** Shown instead of everything else while the account must change its password. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();

  return (
    <div className="hb-auth-page">
      <Card className="hb-auth-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        {me.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${me.displayName}，您好`}
            description="这是首次登录或密码已被管理员重置，请先设置新密码再继续使用。"
          />
        )}
        <ChangePasswordForm onChanged={() => navigate('/', { replace: true })} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
