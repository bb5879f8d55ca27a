import * as echarts from "echarts";
import { messages } from "@/lib/i18n/zh-CN";
import type { FigureRow } from "@/lib/statistics/view";
import type { StageTurnaround } from "@/lib/statistics/turnaround";

// The statistics and quota charts, drawn by Apache ECharts on the server as SVG (its SSR renderer,
// as the consultation results and the supervision trend are): the page shows each as an image
// beside a table of the same figures, for screen readers, printing and export.

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const COLOR = ["#1f5fa8", "#2f6f3e", "#c77c02", "#b3261e", "#6b4fa0"];
const t = messages.statistics;
export const CHART_WIDTH = 720;

function render(option: echarts.EChartsCoreOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption({ animation: false, color: COLOR, textStyle: { fontFamily: FONT, fontSize: 13 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** 月度趋势: written, published, submitted and adopted per month. */
export function renderTrendChart(months: readonly FigureRow[]): string {
  const series = (["written", "published", "submitted", "adopted"] as const).map((measure) => ({
    name: t.measures[measure],
    type: "line",
    data: months.map((row) => row.figures[measure]),
    label: { show: months.length <= 12 },
  }));
  return render(
    {
      legend: { data: series.map((entry) => entry.name), top: 4 },
      grid: { left: 50, right: 24, top: 40, bottom: 36 },
      xAxis: { type: "category", data: months.map((row) => row.label) },
      yAxis: { type: "value", name: t.charts.items, minInterval: 1 },
      series,
    },
    320,
  );
}

/** 各单位: published, submitted and adopted per unit, as horizontal bars. */
export function renderUnitChart(units: readonly FigureRow[]): string {
  const series = (["published", "submitted", "adopted"] as const).map((measure) => ({
    name: t.measures[measure],
    type: "bar",
    barMaxWidth: 16,
    data: units.map((row) => row.figures[measure]),
    label: { show: true, position: "right" },
  }));
  return render(
    {
      legend: { data: series.map((entry) => entry.name), top: 4 },
      grid: { left: 210, right: 40, top: 36, bottom: 30 },
      xAxis: { type: "value", minInterval: 1, name: t.charts.items },
      yAxis: {
        type: "category",
        inverse: true,
        data: units.map((row) => row.label),
        axisLabel: { width: 190, overflow: "truncate" },
      },
      series,
    },
    Math.max(200, 70 + units.length * 54),
  );
}

/** 审核用时: median and P90 hours per stage (and the whole review). */
export function renderTurnaroundChart(stages: readonly StageTurnaround[]): string {
  const labels = stages.map((stage) => stage.stage || t.wholeReview);
  return render(
    {
      legend: { data: [t.fields.median, t.fields.p90], top: 4 },
      grid: { left: 210, right: 50, top: 36, bottom: 30 },
      xAxis: { type: "value", name: t.charts.hours },
      yAxis: { type: "category", inverse: true, data: labels, axisLabel: { width: 190, overflow: "truncate" } },
      series: [
        {
          name: t.fields.median,
          type: "bar",
          barMaxWidth: 16,
          data: stages.map((stage) => stage.median),
          label: { show: true, position: "right" },
        },
        {
          name: t.fields.p90,
          type: "bar",
          barMaxWidth: 16,
          data: stages.map((stage) => stage.p90),
          label: { show: true, position: "right" },
        },
      ],
    },
    Math.max(200, 70 + stages.length * 48),
  );
}

export type QuotaBar = { label: string; submitted: number; adopted: number; quota: number };

/** 报送任务: each unit's submissions and adoptions this month against its quota (a marker line per unit). */
export function renderQuotaChart(bars: readonly QuotaBar[]): string {
  return render(
    {
      legend: { data: [t.quotas.submitted, t.quotas.adopted, t.quotas.quota], top: 4 },
      grid: { left: 210, right: 50, top: 36, bottom: 30 },
      xAxis: { type: "value", minInterval: 1, name: t.charts.items },
      yAxis: {
        type: "category",
        inverse: true,
        data: bars.map((bar) => bar.label),
        axisLabel: { width: 190, overflow: "truncate" },
      },
      series: [
        {
          name: t.quotas.submitted,
          type: "bar",
          barMaxWidth: 16,
          data: bars.map((bar) => bar.submitted),
          label: { show: true, position: "right" },
        },
        {
          name: t.quotas.adopted,
          type: "bar",
          barMaxWidth: 16,
          data: bars.map((bar) => bar.adopted),
          label: { show: true, position: "right" },
        },
        {
          name: t.quotas.quota,
          type: "scatter",
          symbol: "rect",
          symbolSize: [4, 30],
          itemStyle: { color: "#b3261e" },
          data: bars.map((bar) => bar.quota),
        },
      ],
    },
    Math.max(200, 70 + bars.length * 54),
  );
}
