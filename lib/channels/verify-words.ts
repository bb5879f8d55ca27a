import { canonicalJson } from "@/lib/json/canonical";

// 同源核验 in words for supervisors: what differs between what a channel carries and the signed
// revision (标题不同, 正文不同 …) instead of two hashes, and the verdict derived from the very lists
// the page shows, so "核验通过" never stands beside a listed failure.

type RevisionContent = { number: number; title: string; body: unknown; metadata: unknown } | null;

/** The parts of two revisions that differ, and a sentence saying so. */
export function describeDifference(
  signed: RevisionContent,
  carried: RevisionContent,
): { items: string[]; message: string } {
  if (!carried) {
    return {
      items: [],
      message: "与签发版本不一致：渠道上的内容在资源库中找不到对应的版本，可能被改动过",
    };
  }
  if (!signed) return { items: [], message: "与签发版本不一致：资源库中找不到应刊载的签发版本" };
  const items = [
    signed.title !== carried.title ? "标题" : null,
    canonicalJson(signed.body) !== canonicalJson(carried.body) ? "正文" : null,
    canonicalJson(signed.metadata) !== canonicalJson(carried.metadata) ? "发布信息（文号、日期等）" : null,
  ].filter((item): item is string => item !== null);
  const what = items.length ? items.map((item) => `${item}不同`).join("、") : "内容不同";
  const versions =
    signed.number === carried.number ? "" : `（渠道上是第 ${carried.number} 版，应为现行发布的第 ${signed.number} 版）`;
  return { items, message: `与签发版本不一致：${what}${versions}` };
}

export type VerifyVerdict = {
  /** consistent: nothing listed; attention: content consistent, delivery problems listed; inconsistent: content differs or is missing. */
  level: "consistent" | "attention" | "inconsistent";
  text: string;
};

/** The verdict over the lists shown: any listed problem rules out 核验通过. */
export function verdictOf(report: {
  mismatches: readonly unknown[];
  missing: readonly unknown[];
  stale: readonly unknown[];
  channels: number;
  livePublications: number;
  deliveries: number;
}): VerifyVerdict {
  const { mismatches, missing, stale } = report;
  if (mismatches.length || missing.length) {
    const parts = [
      mismatches.length ? `${mismatches.length} 处与签发版本不一致` : null,
      missing.length ? `${missing.length} 处缺少分发或撤回` : null,
      stale.length ? `${stale.length} 处分发异常` : null,
    ].filter(Boolean);
    return { level: "inconsistent", text: `核验未通过：${parts.join("，")}。` };
  }
  if (stale.length) {
    return {
      level: "attention",
      text: `内容与库中已签发版本一致，但有 ${stale.length} 处分发异常需要处理（见“渠道滞后”）。`,
    };
  }
  return {
    level: "consistent",
    text: `核验通过：${report.channels} 个渠道、${report.livePublications} 篇现行发布、${report.deliveries} 条分发记录，均与库中已签发版本一致。`,
  };
}
