import { ReloadOutlined } from '@ant-design/icons';
import { isoDate } from '@hangbiao/shared/contracts/common';
import type { OrgDetail, TreeNode } from '@hangbiao/shared/contracts/orgs';
import { orgKinds } from '@hangbiao/shared/glossary';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Input, Spin, Tag, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import dayjs from 'dayjs';
import { type ComponentRef, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../app/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { useDebounced } from '../../components/use-debounced';
import { useElementHeight } from '../../components/use-element-height';
import { OrgDetailPanel } from './org-detail-panel';
import { pathAbove } from './org-labels';
import { orgDetailQuery, orgListQueryOptions, treeChildrenQuery, treeLists } from './org-queries';

const union = (list: string[], more: string[]) => {
  const extra = more.filter((key) => !list.includes(key));
  return extra.length ? [...list, ...extra] : list;
};

/**
 * 组织树: children load on expand and the list is virtual, so a 20,000-org tree stays fast.
 * The selected org and the "as of" date live in the URL (`?org=…&asOf=…`).
 */
export function OrgTreePage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('org') ?? undefined;
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && isoDate.safeParse(asOfParam).success ? asOfParam : undefined;

  const [expanded, setExpanded] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);
  const [scrollTarget, setScrollTarget] = useState<string>();
  const [searchText, setSearchText] = useState('');
  const q = useDebounced(searchText.trim());
  const treeRef = useRef<ComponentRef<typeof Tree>>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(boxRef);

  const setParam = useCallback(
    (key: 'org' | 'asOf', value: string | undefined) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const roots = useQuery(treeChildrenQuery(null, asOf));
  const childLists = useQueries({ queries: loaded.map((id) => treeChildrenQuery(id, asOf)), combine: treeLists });
  const results = useQuery({ ...orgListQueryOptions({ q, pageSize: 20 }), enabled: q.length > 0 });

  const { treeData, nodeById } = useMemo(() => {
    const byParent = new Map<string, TreeNode[]>();
    loaded.forEach((id, index) => {
      const list = childLists[index];
      if (list) byParent.set(id, list);
    });
    const nodes = new Map<string, TreeNode>();
    const build = (list: TreeNode[]): DataNode[] =>
      list.map((node) => {
        nodes.set(node.id, node);
        const children = byParent.get(node.id);
        return {
          key: node.id,
          title: node.name,
          isLeaf: node.childCount === 0 && !children?.length,
          children: children ? build(children) : undefined,
        };
      });
    return { treeData: build(roots.data ?? []), nodeById: nodes };
  }, [roots.data, loaded, childLists]);

  const loadChildren = useCallback(
    async (ids: string[]) => {
      const outcomes = await Promise.allSettled(ids.map((id) => client.fetchQuery(treeChildrenQuery(id, asOf))));
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) void message.error(errorText(failed.reason));
      const done = ids.filter((_, index) => outcomes[index]?.status === 'fulfilled');
      setLoaded((previous) => union(previous, done));
      return done;
    },
    [client, asOf, message],
  );

  /** Opens every ancestor of `id` (loading their children), selects it and scrolls it into view. */
  const reveal = useCallback(
    async (id: string) => {
      let org: OrgDetail;
      let rootIds: string[];
      try {
        [org, rootIds] = await Promise.all([
          client.fetchQuery(orgDetailQuery(id)),
          client.fetchQuery(treeChildrenQuery(null, asOf)).then((list) => list.map((node) => node.id)),
        ]);
      } catch (error) {
        void message.error(errorText(error));
        return;
      }
      // Ancestors above the user's own roots are outside their scope and not in the tree.
      const path = org.ancestors.map((ancestor) => ancestor.id);
      const top = path.findIndex((ancestorId) => rootIds.includes(ancestorId));
      const opened = await loadChildren(top < 0 ? [] : path.slice(top));
      setExpanded((previous) => union(previous, opened));
      setParam('org', id);
      setScrollTarget(id);
    },
    [client, asOf, loadChildren, message, setParam],
  );

  // A single root (the committee, or an org admin's own org) is opened at once: a one-line tree shows nothing.
  const openedSingleRoot = useRef(false);
  useEffect(() => {
    const only = roots.data?.length === 1 ? roots.data[0] : undefined;
    if (openedSingleRoot.current || !only || only.childCount === 0) return;
    openedSingleRoot.current = true;
    void loadChildren([only.id]).then((done) => setExpanded((previous) => union(previous, done)));
  }, [roots.data, loadChildren]);

  const revealedFromUrl = useRef(false);
  useEffect(() => {
    if (revealedFromUrl.current || !selectedId) return;
    revealedFromUrl.current = true;
    void reveal(selectedId);
  }, [selectedId, reveal]);

  useEffect(() => {
    if (!scrollTarget || !nodeById.has(scrollTarget)) return;
    const frame = requestAnimationFrame(() => {
      treeRef.current?.scrollTo({ key: scrollTarget, align: 'auto' });
      setScrollTarget(undefined);
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollTarget, nodeById]);

  const onCreated = async (org: OrgDetail) => {
    if (org.parentId) {
      const parentId = org.parentId;
      await client.fetchQuery({ ...treeChildrenQuery(parentId, asOf), staleTime: 0 }).catch(() => undefined);
      setLoaded((previous) => union(previous, [parentId]));
      setExpanded((previous) => union(previous, [parentId]));
    }
    setParam('org', org.id);
    setScrollTarget(org.id);
  };

  const titleOf = (data: DataNode) => {
    const node = nodeById.get(String(data.key));
    if (!node) return String(data.title);
    return (
      <span className={node.dissolvedOn ? 'hb-tree-dissolved' : undefined} title={node.name}>
        {node.name}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
          {orgKinds.label(node.kind)}
        </Typography.Text>
        {node.dissolvedOn && (
          <Tag style={{ marginLeft: 6 }} variant="filled">
            已撤销
          </Tag>
        )}
      </span>
    );
  };

  return (
    <div className="hb-tree-page">
      <Card className="hb-tree-side" styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, height: '100%', padding: 16 } }}>
        <Flex gap={8}>
          <Input.Search
            aria-label="搜索组织"
            placeholder="搜索组织名称"
            allowClear
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            loading={results.isFetching}
          />
          <Tooltip title="刷新组织树">
            <Button aria-label="刷新组织树" icon={<ReloadOutlined />} onClick={() => void client.invalidateQueries({ queryKey: ['orgs', 'tree'] })} />
          </Tooltip>
        </Flex>
        <Flex align="center" gap={8}>
          <label htmlFor="org-tree-as-of" style={{ whiteSpace: 'nowrap' }}>
            历史视图
          </label>
          <DatePicker
            id="org-tree-as-of"
            style={{ flex: 1 }}
            placeholder="选择日期查看当日的组织树"
            value={asOf ? dayjs(asOf) : null}
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            onChange={(date) => setParam('asOf', date ? date.format('YYYY-MM-DD') : undefined)}
          />
        </Flex>
        {asOf && <Tag color="orange">正在查看 {asOf} 的组织树</Tag>}
        {q && (
          <section className="hb-search-results" aria-label="搜索结果">
            {results.isError && <ErrorAlert error={results.error} />}
            {results.data?.items.length === 0 && <EmptyState description="没有匹配的组织" />}
            {results.data?.items.map((org) => (
              <button
                type="button"
                key={org.id}
                className="hb-search-result"
                onClick={() => {
                  setSearchText('');
                  void reveal(org.id);
                }}
              >
                <span className="hb-search-result-name">{org.name}</span>
                <span className="hb-search-result-path">{pathAbove(org.name, org.pathNames) || orgKinds.label(org.kind)}</span>
              </button>
            ))}
            {results.data && results.data.total > results.data.items.length && (
              <Typography.Text type="secondary" style={{ padding: '4px 8px', display: 'block' }}>
                共 {results.data.total} 个结果，仅显示前 {results.data.items.length} 个，请输入更完整的名称
              </Typography.Text>
            )}
          </section>
        )}
        <div ref={boxRef} className="hb-tree-box" data-testid="org-tree">
          {roots.isPending ? (
            <Spin style={{ display: 'block', marginTop: 48 }} />
          ) : roots.isError ? (
            <ErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />
          ) : treeData.length === 0 ? (
            <EmptyState description="暂无可查看的组织" />
          ) : (
            <Tree
              ref={treeRef}
              // No expand animation: it holds new rows back from the virtual list (and scrollTo) and costs time on wide nodes.
              motion={false}
              blockNode
              showLine={{ showLeafIcon: false }}
              height={height}
              treeData={treeData}
              titleRender={titleOf}
              loadData={async ({ key }) => {
                const [done] = await loadChildren([String(key)]);
                if (!done) setExpanded((previous) => previous.filter((k) => k !== String(key)));
              }}
              loadedKeys={loaded}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => {
                if (keys[0] !== undefined) setParam('org', String(keys[0]));
              }}
            />
          )}
        </div>
      </Card>
      <div className="hb-tree-main">
        {selectedId ? (
          <OrgDetailPanel
            key={selectedId}
            orgId={selectedId}
            historical={asOf !== undefined}
            onCreated={(org) => void onCreated(org)}
            onRemoved={(org) => setParam('org', org.parentId ?? undefined)}
            extra={<Link to={`/orgs/${selectedId}`}>详情页</Link>}
          />
        ) : (
          <Card data-testid="org-detail">
            <EmptyState description="在左侧组织树中选择一个组织，查看其基本信息、班子与任期和历史沿革" />
          </Card>
        )}
      </div>
    </div>
  );
}
