import type { Finding } from "@/lib/review/prechecks";

// Pre-check findings: the passage, the problem, and whether it blocks final approval.

export function FindingList({ findings, text }: { findings: Finding[]; text?: string }) {
  if (findings.length === 0) return <p className="form-ok">自动预检未发现问题。</p>;
  return (
    <ul className="findings" aria-label="自动预检结果">
      {findings.map((finding, index) => (
        <li key={index} className={finding.level === "block" ? "finding-block" : "finding-warn"}>
          <strong>{finding.level === "block" ? "必须修改" : "提示"}</strong>　“
          {text && finding.end > finding.start ? text.slice(finding.start, finding.end) : finding.text}”：
          {finding.message}
        </li>
      ))}
    </ul>
  );
}

/** The revision's text with every finding and commented passage highlighted in place. */
export function HighlightedText({
  text,
  findings,
  comments,
}: {
  text: string;
  findings: Finding[];
  comments: { start: number; end: number }[];
}) {
  const marks = [
    ...findings.map((finding) => ({
      start: finding.start,
      end: finding.end,
      className: finding.level === "block" ? "mark-block" : "mark-warn",
      title: finding.message,
    })),
    ...comments.map((comment) => ({
      start: comment.start,
      end: comment.end,
      className: "mark-comment",
      title: "审核意见",
    })),
  ]
    .filter((mark) => mark.end > mark.start)
    .sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [index, mark] of marks.entries()) {
    if (mark.start < at) continue; // overlapping marks: the first one wins
    if (mark.start > at) parts.push(text.slice(at, mark.start));
    parts.push(
      <mark key={index} className={mark.className} title={mark.title}>
        {text.slice(mark.start, mark.end)}
      </mark>,
    );
    at = mark.end;
  }
  parts.push(text.slice(at));
  return (
    <div className="review-text" id="review-text" data-testid="review-text">
      {parts}
    </div>
  );
}
