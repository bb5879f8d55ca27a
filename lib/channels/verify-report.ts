import type { DeliveryStatus } from "@/lib/db/generated/client";
import type { VerifyVerdict } from "@/lib/channels/verify-words";

// What 同源核验 (lib/channels/verify.ts) reports: the problems it found, one line per channel and
// the verdict, and the same report as text for `npm run channels:verify`.

export type VerifyProblem = {
  kind: "mismatch" | "missing" | "stale";
  channelId: string;
  channelName: string;
  channelKind: string;
  resourceId: string | null;
  publicationId: string | null;
  title: string | null;
  deliveryId: string | null;
  expectedHash: string | null;
  deliveredHash: string | null;
  status: DeliveryStatus | null;
  /** What differs from the signed revision, in words (标题, 正文, 发布信息); null when not compared. */
  differences: string[] | null;
  /** In plain words for a supervisor: no hashes (they stay one click away on the page). */
  message: string;
};

/** One line per channel: what it carries, said for a supervisor. */
export type ChannelResult = {
  channelId: string;
  channelName: string;
  channelKind: string;
  /** 未配置 and why, or null. */
  setupProblem: string | null;
  receiving: boolean;
  /** Channel placements of live publications checked. */
  placements: number;
  problems: number;
  conclusion: string;
};

export type VerifyReport = {
  checkedAt: Date;
  livePublications: number;
  placements: number;
  deliveries: number;
  channels: number;
  mismatches: VerifyProblem[];
  missing: VerifyProblem[];
  stale: VerifyProblem[];
  channelResults: ChannelResult[];
  /** Derived from the three lists above: never 核验通过 while any of them lists something. */
  verdict: VerifyVerdict;
  /** No mismatch and nothing missing (the command line's exit code; stale channels do not fail it). */
  ok: boolean;
};

/** The report as text, Chinese with English, for the command line. */
export function formatVerifyReport(report: VerifyReport): string {
  const lines = [
    `信息同源核验 (channels:verify) ${report.checkedAt.toISOString()}`,
    `渠道 ${report.channels} 个，现行发布 ${report.livePublications} 篇，渠道分发点 ${report.placements} 个，分发记录 ${report.deliveries} 条`,
    `(channels ${report.channels}, live publications ${report.livePublications}, channel placements ${report.placements}, deliveries ${report.deliveries})`,
  ];
  const section = (title: string, items: VerifyProblem[]) => {
    lines.push(`${title}: ${items.length}`);
    for (const item of items) {
      const where = [
        item.channelName,
        item.title ? `《${item.title}》` : null,
        item.resourceId ? `resource ${item.resourceId}` : null,
        item.deliveryId ? `delivery ${item.deliveryId}` : null,
      ]
        .filter(Boolean)
        .join(" · ");
      lines.push(`  - ${where}: ${item.message}`);
    }
  };
  section("内容不一致 (mismatches)", report.mismatches);
  section("缺少分发 (missing deliveries)", report.missing);
  section("渠道滞后 (stale)", report.stale);
  const gloss = {
    consistent: "all channels carry the published revisions",
    attention: "content consistent, stale deliveries listed",
    inconsistent: "mismatches or missing deliveries found",
  }[report.verdict.level];
  lines.push(`${report.verdict.text} (${gloss}).`);
  return lines.join("\n");
}
