import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import { ApiError } from '../app/api';

/** A failed load or action, with the server's title, detail and field messages. */
export function ErrorAlert({ error, onRetry, style }: { error: unknown; onRetry?: () => void; style?: CSSProperties }) {
  const title = error instanceof ApiError ? error.title : '加载失败';
  const detail =
    error instanceof ApiError
      ? [error.detail, ...error.errors.map((e) => e.message)].filter(Boolean).join('；')
      : error instanceof Error
        ? error.message
        : undefined;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={title}
      description={detail || undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
