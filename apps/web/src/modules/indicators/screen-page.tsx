import { useIsFetching } from '@tanstack/react-query';
import { Card, ConfigProvider, Flex, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { overviewKpis, unitDashboardOf } from './dashboard-page';
import { ComplianceHeatmap, charts, DashboardModeProvider, FigureChart, KpiRow, periodText, RankingTable, rankingBars, useScope } from './dashboard-parts';

/** Seconds between refreshes: `?refresh=` within 10 s – 1 h, 60 s by default. */
function refreshSeconds(value: string | null): number {
  const seconds = Number(value);
  return Number.isInteger(seconds) && seconds >= 10 && seconds <= 3600 ? seconds : 60;
}

const darkTheme = {
  algorithm: theme.darkAlgorithm,
  token: { colorPrimary: '#e8474d', colorLink: '#ff7875', colorBgContainer: '#0f1e3d', colorBgLayout: '#071430', borderRadius: 6 },
};

/** The time of the last completed refresh: when no query is fetching any more. */
function useLastUpdated(): Date | undefined {
  const fetching = useIsFetching({ queryKey: ['indicators'] });
  const [updated, setUpdated] = useState<Date>();
  useEffect(() => {
    if (fetching === 0) setUpdated(new Date());
  }, [fetching]);
  return updated;
}

/**
 * `/screen`: the committee overview for a 1920×1080 wall display — dark, no menu, refreshed every `?refresh=` seconds
 * with the time of the last refresh shown; every figure still opens its records, in a new tab.
 */
export function ScreenPage() {
  const [search] = useSearchParams();
  const { scope } = useScope();
  const seconds = refreshSeconds(search.get('refresh'));
  const interval = seconds * 1000;
  const updated = useLastUpdated();
  // The wall display's charts refresh themselves and, unlike the other dashboards', show no click hints.
  const live = { scope, refetchInterval: interval, hint: undefined };

  return (
    <ConfigProvider theme={darkTheme}>
      <DashboardModeProvider value={{ newTab: true, chartTheme: 'dark' }}>
        <div className="hb-screen" data-testid="screen">
          <Flex className="hb-screen-header" align="center" justify="space-between">
            <Typography.Title level={2} style={{ margin: 0, letterSpacing: 4 }}>
              机关党建工作数据大屏
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="screen-updated">
              统计期：{periodText(scope)} · 数据更新于 {updated ? dayjs(updated).format('YYYY-MM-DD HH:mm:ss') : '—'} · 每 {seconds} 秒自动刷新
            </Typography.Text>
          </Flex>
          <KpiRow kpis={overviewKpis} scope={scope} columns={10} refetchInterval={interval} />
          <div className="hb-screen-grid">
            <Flex vertical gap={16}>
              <FigureChart {...charts.meetingsByMonth} {...live} emptyText="暂无会议" testId="screen-meetings-by-month" height={300} />
              <FigureChart {...charts.attendanceByMonth} {...live} emptyText="暂无登记应到人员的会议" testId="screen-attendance-by-month" height={300} />
            </Flex>
            <ComplianceHeatmap dimension="unit" rows={14} {...live} emptyText="没有未完成的组织生活要求" testId="screen-compliance-heatmap" height={672} />
            <Flex vertical gap={16}>
              <Card size="small" title="单位出席率排名">
                <RankingTable
                  indicatorKey="orglife.attendance.rate"
                  dimension="unit"
                  unit="%"
                  scope={scope}
                  dashboardOf={unitDashboardOf(scope)}
                  testId="screen-unit-ranking"
                  refetchInterval={interval}
                />
              </Card>
              <FigureChart
                {...charts.membersByUnit}
                {...live}
                title="各单位党员数（前 10）"
                toOption={rankingBars('unit', '人', 10)}
                emptyText="暂无党员"
                testId="screen-members-by-unit"
                height={252}
              />
            </Flex>
          </div>
        </div>
      </DashboardModeProvider>
    </ConfigProvider>
  );
}
