import { Flex, Input, Select } from 'antd';
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

interface FilterProps {
  label: string;
  /** The control's id, named by the label. */
  id: string;
  width?: number;
}

/** A text filter applied on Enter or the search button; it shows the URL's value again after back or reload. */
export function SearchFilter({
  label,
  id,
  width,
  placeholder,
  value,
  onSearch,
}: FilterProps & { placeholder: string; value: string | undefined; onSearch: (value: string) => void }) {
  return (
    <FilterField label={label} htmlFor={id} width={width}>
      <Input.Search id={id} key={value ?? ''} defaultValue={value} placeholder={placeholder} allowClear onSearch={onSearch} />
    </FilterField>
  );
}

/** A choice among `options`, cleared to 全部 (or to what `placeholder` names, e.g. 不分组). */
export function SelectFilter<V extends string>({
  label,
  id,
  width,
  placeholder = '全部',
  value,
  options,
  onChange,
}: FilterProps & { placeholder?: string; value: V | undefined; options: { value: V; label: string }[]; onChange: (value: V | undefined) => void }) {
  return (
    <FilterField label={label} htmlFor={id} width={width}>
      <Select<V> id={id} allowClear placeholder={placeholder} value={value} options={options} onChange={onChange} />
    </FilterField>
  );
}
