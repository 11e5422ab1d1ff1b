import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="链接可能已失效，或该记录已被删除。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  return <Result status="403" title="无权访问" subTitle="您的角色没有此页面的权限；如需使用，请联系工委管理员分配角色。" />;
}

export function NoAccessPage() {
  return (
    <Result
      status="info"
      title="暂无可用功能"
      subTitle="您的账户尚未分配角色，请联系工委管理员。"
      extra={
        <Link to="/account">
          <Button>我的账户</Button>
        </Link>
      }
    />
  );
}
