import {
  BarChart,
  type BarSeriesOption,
  HeatmapChart,
  type HeatmapSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// Only what the app's charts use is registered, so the rest of ECharts is left out of the bundle.
use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The party-red palette the charts share (the theme's primary first). */
export const chartColors = ['#c8161d', '#e9692c', '#f2b134', '#5b8ff9', '#5ad8a6', '#9270ca', '#6dc8ec', '#ff9d4d', '#269a99', '#bfbfbf'];

interface EChartProps<T> {
  option: ChartOption;
  /** Called with the clicked series data item (as given in `option`). */
  onItemClick?: (item: T) => void;
  style?: CSSProperties;
  'aria-label'?: string;
  testId?: string;
  /** ECharts' built-in dark theme, for the full-screen display. */
  theme?: 'dark';
}

/** An ECharts chart on a div: follows `option`, resizes with its box and is disposed with the component. */
export function EChart<T = unknown>({ option, onItemClick, style, testId, theme, ...rest }: EChartProps<T>) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const clickHandler = useRef(onItemClick);
  useEffect(() => {
    clickHandler.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, theme, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.(params.data as T));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(theme ? { backgroundColor: 'transparent', ...option } : option, { notMerge: true });
  }, [option, theme]);

  return <div ref={container} role="img" aria-label={rest['aria-label']} data-testid={testId} style={{ width: '100%', height: 320, ...style }} />;
}
