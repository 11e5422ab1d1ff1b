import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useDebounced } from '../../components/use-debounced';
import { destinationsQuery, memberSearchQuery } from './transfer-queries';

interface PickerProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

interface Option {
  value: string;
  label: string;
  /** What the open list shows for the option; the field shows `label`. */
  display: ReactNode;
}

/** A select whose options come from the server as the user types; the chosen one keeps its label when the search moves on. */
function SearchSelect({
  id,
  value,
  onChange,
  placeholder,
  options,
  loading,
  onSearch,
}: PickerProps & { placeholder: string; options: Option[]; loading: boolean; onSearch: (q: string) => void }) {
  const [picked, setPicked] = useState<Option>();
  const shown = picked && picked.value === value && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select<string, Option>
      id={id}
      value={value}
      onChange={(next, option) => {
        setPicked(Array.isArray(option) ? undefined : option);
        onChange?.(next);
      }}
      allowClear
      placeholder={placeholder}
      options={shown}
      optionRender={(option) => option.data.display}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={loading ? '搜索中…' : '没有匹配项'}
      style={{ width: '100%' }}
    />
  );
}

const secondary = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);

/**
 * The branch a member moves to, from anywhere in the committee: the org tree shows only the caller's own
 * scope, so destinations come from GET /api/transfers/destinations (names and places only).
 */
export function DestinationSelect(props: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const destinations = useQuery(destinationsQuery(q));
  const options = (destinations.data ?? []).map((d) => ({
    value: d.id,
    label: d.name,
    display: (
      <span>
        {d.name}
        <br />
        {secondary(d.pathNames.slice(0, -1).join(' / '))}
      </span>
    ),
  }));
  return <SearchSelect {...props} placeholder="输入名称查找党支部" options={options} loading={destinations.isFetching} onSearch={setSearch} />;
}

/** A member of the caller's registry, found by name, pinyin or initials. */
export function MemberSelect(props: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({ ...memberSearchQuery(q), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.name}（${m.orgName}）`,
    display: (
      <span>
        {m.name} {secondary(m.orgName)}
      </span>
    ),
  }));
  return <SearchSelect {...props} placeholder="输入姓名、拼音或首字母" options={options} loading={found.isFetching} onSearch={setSearch} />;
}
