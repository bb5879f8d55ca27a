import * as echarts from "echarts";
import type { QuestionResult } from "@/lib/interaction/consult/answers";

// The charts of an activity's results, drawn by Apache ECharts on the server as SVG (its SSR
// renderer: no browser, no script on the page). The page shows them as images, so the SVG's own
// <style> element never meets the page's Content-Security-Policy, and each sits beside a table of
// the same figures for screen readers and for printing.

export const CHART_WIDTH = 640;
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const COLOR = ["#b3261e", "#c77c02", "#2f6f3e", "#1f5fa8", "#6b4fa0", "#7a5c3e", "#1b7a7a", "#8a1c5c"];

function optionOf(result: QuestionResult): echarts.EChartsCoreOption | null {
  const base = { animation: false, color: COLOR, textStyle: { fontFamily: FONT, fontSize: 13 } };
  if (result.kind === "TEXT") return null;
  if (result.kind === "SINGLE")
    return {
      ...base,
      series: [
        {
          type: "pie",
          radius: ["30%", "62%"],
          label: { formatter: "{b}\n{c} 人（{d}%）" },
          data: result.options.map((option) => ({ name: option.label, value: option.count })),
        },
      ],
    };
  const rating = result.kind === "RATING";
  const labels = rating ? result.scores.map((score) => `${score.score} 分`) : result.options.map((o) => o.label);
  const values = rating ? result.scores.map((score) => score.count) : result.options.map((o) => o.count);
  const category = { type: "category", data: labels, axisLabel: { width: 150, overflow: "truncate" } };
  const value = { type: "value", minInterval: 1, name: "人数" };
  return {
    ...base,
    grid: { left: rating ? 48 : 170, right: 40, top: 30, bottom: 40 },
    xAxis: rating ? category : value,
    yAxis: rating ? value : { ...category, inverse: true },
    series: [{ type: "bar", data: values, barMaxWidth: 36, label: { show: true, position: rating ? "top" : "right" } }],
  };
}

/** Height that fits the rows of a bar chart of many options. */
function heightOf(result: QuestionResult): number {
  if (result.kind === "MULTIPLE") return Math.max(220, 60 + result.options.length * 36);
  return 320;
}

/** The SVG of a question's chart; null for a free-text question, which has no figures to draw. */
export function renderResultChart(result: QuestionResult): string | null {
  const option = optionOf(result);
  if (!option) return null;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: heightOf(result) });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
