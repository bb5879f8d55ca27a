import * as echarts from "echarts";
import type { Composed } from "@/lib/reports/website-annual/compose";
import type { ReportKindCode } from "@/lib/reports/website-annual/template";

// One chart per report, where a glance says more than the table (the table beside it holds the same
// figures): 信息发布 by class for a site's tables, 不合格网站数量 by quarter for the 监管年度报表.
// Drawn by Apache ECharts on the server as SVG, like the supervision trend.

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export const CHART_GROUP: Record<ReportKindCode, { group: string; prefix: string }> = {
  WEBSITE_ANNUAL: { group: "信息发布", prefix: "信息发布/" },
  MONTHLY: { group: "信息发布", prefix: "信息发布/" },
  SUPERVISION_ANNUAL: { group: "网站抽查", prefix: "网站抽查/不合格网站数量/" },
};

/** The bars: the numeric lines under the kind's chart group. */
export function chartBars(kind: ReportKindCode, composed: Composed): { label: string; value: number }[] {
  const { prefix } = CHART_GROUP[kind];
  return composed.lines
    .filter((line) => line.key.startsWith(prefix) && typeof line.value === "number")
    .map((line) => ({ label: line.field.path.at(-1)!, value: line.value as number }));
}

export function renderReportChart(kind: ReportKindCode, composed: Composed): string {
  const bars = chartBars(kind, composed);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 640, height: 300 });
  try {
    chart.setOption({
      animation: false,
      color: ["#1f5fa8"],
      textStyle: { fontFamily: FONT, fontSize: 13 },
      grid: { left: 50, right: 20, top: 30, bottom: 60 },
      xAxis: {
        type: "category",
        data: bars.map((bar) => bar.label),
        axisLabel: { interval: 0, width: 120, overflow: "break" },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { type: "bar", barMaxWidth: 40, data: bars.map((bar) => bar.value), label: { show: true, position: "top" } },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
