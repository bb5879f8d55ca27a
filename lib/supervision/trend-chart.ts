import * as echarts from "echarts";
import { messages } from "@/lib/i18n/zh-CN";
import type { TrendPoint } from "@/lib/supervision/overview";

// The quarterly trend of the supervisor's view — the websites' average score and the number that
// failed — drawn by Apache ECharts on the server as SVG (like the consultation charts: no script on
// the page, shown as an image beside a table of the same figures).

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const t = messages.supervisionScores.overview;

export function renderTrendChart(points: readonly TrendPoint[]): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 640, height: 300 });
  try {
    chart.setOption({
      animation: false,
      color: ["#1f5fa8", "#b3261e"],
      textStyle: { fontFamily: FONT, fontSize: 13 },
      legend: { data: [t.averageScore, t.failures], top: 4 },
      grid: { left: 50, right: 50, top: 40, bottom: 36 },
      xAxis: { type: "category", data: points.map((point) => point.period) },
      yAxis: [
        { type: "value", name: t.averageScore, min: 0, max: 130 },
        { type: "value", name: t.failures, minInterval: 1 },
      ],
      series: [
        {
          name: t.averageScore,
          type: "line",
          data: points.map((point) => point.average),
          label: { show: true },
        },
        {
          name: t.failures,
          type: "bar",
          yAxisIndex: 1,
          barMaxWidth: 28,
          data: points.map((point) => point.failures),
          label: { show: true, position: "top" },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
