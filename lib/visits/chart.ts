import * as echarts from "echarts";
import { messages } from "@/lib/i18n/zh-CN";
import type { VisitDayRow } from "@/lib/visits/report";

// Page views and unique visitors per day, drawn by Apache ECharts on the server as SVG (like the
// supervision trend: no script on the page; the same figures are in the table below it).

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const t = messages.visits.daily;

export function renderVisitChart(rows: readonly VisitDayRow[]): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 720, height: 300 });
  try {
    chart.setOption({
      animation: false,
      color: ["#1f5fa8", "#d97706"],
      textStyle: { fontFamily: FONT, fontSize: 13 },
      legend: { data: [t.pageViews, t.uniqueVisitors], top: 4 },
      grid: { left: 56, right: 24, top: 40, bottom: 36 },
      xAxis: { type: "category", data: rows.map((row) => row.day.slice(5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t.pageViews, type: "line", data: rows.map((row) => row.pageViews), symbolSize: 5 },
        { name: t.uniqueVisitors, type: "line", data: rows.map((row) => row.uniqueVisitors), symbolSize: 5 },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
