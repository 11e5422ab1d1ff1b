import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../components/use-debounced';
import { unitDetailQuery, unitListQueryOptions } from './org-queries';

interface CommonProps {
  id?: string;
  placeholder?: string;
  disabled?: boolean;
}

type UnitSelectProps = CommonProps &
  (
    | { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

/** Units (部门/单位) searched on the server, so it stays usable with hundreds of units. */
export function UnitSelect(props: UnitSelectProps) {
  const { id, placeholder = '选择单位', disabled } = props;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const list = useQuery({ ...unitListQueryOptions({ q: q || undefined, pageSize: 50 }), placeholderData: keepPreviousData });

  const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const listed = new Map((list.data?.items ?? []).map((unit) => [unit.id, unit.name]));
  const missing = selected.filter((value) => !listed.has(value));
  const fetched = useQueries({ queries: missing.map((value) => unitDetailQuery(value)) });

  const options = [
    ...missing.map((value, index) => ({ value, label: fetched[index]?.data?.name ?? '…' })),
    ...[...listed].map(([value, label]) => ({ value, label })),
  ];

  const common = {
    id,
    placeholder,
    disabled,
    options,
    allowClear: true,
    loading: list.isFetching,
    style: { width: '100%' },
    notFoundContent: list.isFetching ? '加载中…' : '没有匹配的单位',
    showSearch: { filterOption: false, onSearch: setSearch },
  } as const;

  return props.multiple ? (
    <Select<string[]> {...common} mode="multiple" value={selected} onChange={(value) => props.onChange?.(value ?? [])} />
  ) : (
    <Select<string> {...common} value={selected[0]} onChange={(value) => props.onChange?.(value)} />
  );
}
