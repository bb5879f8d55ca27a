import type { TextBlock } from "@/lib/library/content";
import type { PublicPost } from "@/lib/interaction/interview/feed";

// The 文字实录 of an interview, assembled from its live record: the announced facts, then every
// answered question followed by its answers (however they were interleaved live), and the guests'
// standalone statements where they were made. Questions nobody answered are left out. The result
// is plain text, a paragraph a line, which staff edit before it goes to review; `##` starts a heading.

export type TranscriptFacts = {
  topic: string;
  summary: string;
  /** YYYY-MM-DD HH:MM, China time. */
  time: string;
  guests: { name: string; title: string; unit: string }[];
};

export function transcriptTitle(topic: string): string {
  return `“${topic}”在线访谈文字实录`;
}

function speaker(post: PublicPost): string {
  if (post.kind === "QUESTION") return !post.nickname || post.nickname === "网友" ? "网友" : `网友“${post.nickname}”`;
  return post.guest?.name ?? "嘉宾";
}

/** One paragraph per line: a post's own line breaks become paragraphs of the same speaker. */
function said(post: PublicPost): string[] {
  const lines = post.body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.map((line, index) => (index === 0 ? `${speaker(post)}：${line}` : line));
}

export function assembleTranscript(facts: TranscriptFacts, posts: PublicPost[]): string {
  const answersTo = new Map<string, PublicPost[]>();
  for (const post of posts)
    if (post.kind === "ANSWER" && post.questionId)
      answersTo.set(post.questionId, [...(answersTo.get(post.questionId) ?? []), post]);
  const lines = [
    `访谈时间：${facts.time}`,
    `访谈嘉宾：${facts.guests.map((guest) => `${guest.unit}${guest.title}${guest.name}`).join("、")}`,
    `访谈简介：${facts.summary.replace(/\s*\r?\n\s*/g, " ")}`,
    "## 访谈内容",
  ];
  for (const post of posts) {
    if (post.kind === "QUESTION") {
      const answers = answersTo.get(post.questionId ?? "") ?? [];
      if (answers.length === 0) continue;
      lines.push(...said(post));
      for (const answer of answers) lines.push(...said(answer));
    } else if (post.kind === "ANSWER" && !post.questionId) {
      lines.push(...said(post));
    }
  }
  return lines.join("\n");
}

/** The edited text as blocks: a paragraph a line, `## ` a heading; blank lines are dropped. */
export function transcriptBlocks(text: string): TextBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      line.startsWith("## ")
        ? { type: "heading" as const, level: 2 as const, text: line.slice(3).trim() }
        : { type: "paragraph" as const, text: line },
    )
    .filter((block) => block.text.length > 0);
}
