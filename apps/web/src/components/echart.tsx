import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// Only what the app's charts use is registered, so the rest of ECharts is left out of the bundle.
use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The party-red palette the charts share (the theme's primary first). */
export const chartColors = ['#c8161d', '#e9692c', '#f2b134', '#5b8ff9', '#5ad8a6', '#9270ca', '#6dc8ec', '#ff9d4d', '#269a99', '#bfbfbf'];

interface EChartProps<T> {
  option: ChartOption;
  /** Called with the clicked series data item (as given in `option`). */
  onItemClick?: (item: T) => void;
  style?: CSSProperties;
  'aria-label'?: string;
  testId?: string;
}

/** An ECharts chart on a div: follows `option`, resizes with its box and is disposed with the component. */
export function EChart<T = unknown>({ option, onItemClick, style, testId, ...rest }: EChartProps<T>) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const clickHandler = useRef(onItemClick);
  useEffect(() => {
    clickHandler.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.(params.data as T));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} role="img" aria-label={rest['aria-label']} data-testid={testId} style={{ width: '100%', height: 320, ...style }} />;
}
