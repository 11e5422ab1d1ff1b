import { Flex } from 'antd';
import type { ReactNode } from 'react';

/** A row of list filters above a table; wraps on narrow screens. */
export function FilterBar({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <Flex className="hb-filter-bar" wrap gap={12} align="center" justify="space-between">
      <Flex wrap gap={12} align="center">
        {children}
      </Flex>
      {actions && (
        <Flex gap={8} wrap>
          {actions}
        </Flex>
      )}
    </Flex>
  );
}

/** A labelled filter; `htmlFor` must be the `id` given to the control, so the label names it. */
export function FilterField({ label, htmlFor, width = 200, children }: { label: string; htmlFor: string; width?: number; children: ReactNode }) {
  return (
    <Flex align="center" gap={6} className="hb-filter">
      <label htmlFor={htmlFor}>{label}</label>
      <div className="hb-filter-control" style={{ width }}>
        {children}
      </div>
    </Flex>
  );
}
