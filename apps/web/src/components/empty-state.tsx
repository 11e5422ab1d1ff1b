import { Empty } from 'antd';
import type { ReactNode } from 'react';

export function EmptyState({ description = '暂无数据', children }: { description?: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}
