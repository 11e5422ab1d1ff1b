import { orgKinds } from '@hangbiao/shared/glossary';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { orgDetailQuery, orgListQueryOptions, treeChildrenQuery, treeLists } from '../modules/orgs/org-queries';
import { useDebounced } from './use-debounced';

const ROOT = '__root__';

interface PickerNode {
  id: string;
  pId: string;
  value: string;
  label: string;
  title: ReactNode;
  isLeaf: boolean;
}

interface Labelled {
  value: string;
  label: ReactNode;
}

interface CommonProps {
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  /** Orgs that may not be picked (e.g. the org itself when choosing its new parent). */
  exclude?: readonly string[];
  'aria-label'?: string;
}

type OrgPickerProps = CommonProps &
  (
    | { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

const kindTag = (kind: keyof typeof orgKinds.table) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {orgKinds.label(kind)}
  </Typography.Text>
);

/**
 * Picks orgs from the tree: children load when a node opens (GET /api/orgs/tree),
 * typing searches the whole tree (GET /api/orgs?q=) and lists matches with their path.
 */
export function OrgPicker(props: OrgPickerProps) {
  const { id, placeholder = '选择党组织', disabled, exclude = [] } = props;
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [loaded, setLoaded] = useState<string[]>([]);
  const q = useDebounced(search.trim());

  const roots = useQuery(treeChildrenQuery(null));
  const childLists = useQueries({ queries: loaded.map((parentId) => treeChildrenQuery(parentId)), combine: treeLists });
  const results = useQuery({ ...orgListQueryOptions({ q, pageSize: 20 }), enabled: q.length > 0 });

  const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];

  const treeData = useMemo<PickerNode[]>(() => {
    if (q) {
      return (results.data?.items ?? []).map((org) => ({
        id: org.id,
        pId: ROOT,
        value: org.id,
        label: org.name,
        isLeaf: true,
        title: (
          <span>
            {org.name} {kindTag(org.kind)}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {org.pathNames.join(' / ')}
            </Typography.Text>
          </span>
        ),
      }));
    }
    const nodes: PickerNode[] = [];
    const add = (list: typeof roots.data, pId: string) => {
      for (const node of list ?? []) {
        nodes.push({
          id: node.id,
          pId,
          value: node.id,
          label: node.name,
          isLeaf: node.childCount === 0,
          title: (
            <span>
              {node.name} {kindTag(node.kind)}
            </span>
          ),
        });
      }
    };
    add(roots.data, ROOT);
    for (const [index, parentId] of loaded.entries()) add(childLists[index], parentId);
    return nodes;
  }, [q, results.data, roots.data, loaded, childLists]);

  const known = useMemo(() => new Map(treeData.map((node) => [node.value, node.label])), [treeData]);
  const unknown = selected.filter((value) => !known.has(value));
  const fetched = useQueries({ queries: unknown.map((value) => orgDetailQuery(value)) });
  const labelOf = (value: string) => known.get(value) ?? fetched[unknown.indexOf(value)]?.data?.name ?? '…';
  const labelled: Labelled[] = selected.map((value) => ({ value, label: labelOf(value) }));

  const loadData = async (node: { value?: unknown }) => {
    const parentId = String(node.value);
    await client.fetchQuery(treeChildrenQuery(parentId)).catch(() => undefined);
    setLoaded((previous) => (previous.includes(parentId) ? previous : [...previous, parentId]));
  };

  const disabledData = treeData.map((node) => (exclude.includes(node.value) ? { ...node, disabled: true } : node));

  return (
    <TreeSelect<Labelled | Labelled[]>
      id={id}
      aria-label={props['aria-label']}
      style={{ width: '100%' }}
      placeholder={placeholder}
      disabled={disabled}
      allowClear
      multiple={props.multiple}
      labelInValue
      value={props.multiple ? labelled : labelled[0]}
      onChange={(value) => {
        const values = (Array.isArray(value) ? value : value ? [value] : []).map((v) => String(v.value));
        if (props.multiple) props.onChange?.(values);
        else props.onChange?.(values[0]);
        setSearch('');
      }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: ROOT }}
      treeData={disabledData}
      treeNodeLabelProp="label"
      loadData={q ? undefined : loadData}
      treeLoadedKeys={loaded}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={q && results.isFetching ? '搜索中…' : q ? '没有匹配的组织' : '暂无组织'}
      listHeight={320}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxWidth: 520 } } }}
    />
  );
}
