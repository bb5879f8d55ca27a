import type { Db, Tx } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/enums";
import { footnoteMarker, type RichText } from "@/lib/library/content";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { kindFieldLines } from "@/lib/library/kinds";
import {
  DEFAULT_LEXICON,
  runPrechecks,
  strictPersonalData,
  ZLexicon,
  type Finding,
  type LinkRef,
  type Lexicon,
} from "@/lib/review/prechecks";

// Runs the automated pre-checks on one revision: its title and body as plain text (the same
// text reviewers see, so finding offsets highlight the right passage) and its links.

export const LEXICON_STATE_KEY = "review-lexicon";

/** Where an image stands in the revision's text (its own empty line), and its alt text. */
export type ImageRef = { start: number; alt: string };

/**
 * The title, a newline, the kind's own fields (领导之窗's 姓名/职务/分工, 机构职能's particulars) a
 * line each, then the body with one line per block; links and images with their offsets.
 */
export function revisionText(
  title: string,
  body: RichText,
  metadata?: unknown,
): { text: string; links: LinkRef[]; images: ImageRef[] } {
  const links: LinkRef[] = [];
  const images: ImageRef[] = [];
  const stored = metadata === undefined ? null : ZStoredRevisionMetadata.safeParse(metadata);
  const fields = stored?.success ? kindFieldLines(stored.data) : [];
  let text = `${title}\n${fields.map((line) => `${line}\n`).join("")}`;
  const walk = (node: RichText) => {
    if (node.type === "image") images.push({ start: text.length, alt: String(node.attrs?.alt ?? "") });
    if (node.type === "text") {
      const start = text.length;
      text += node.text ?? "";
      const link = node.marks?.find((mark) => mark.type === "link");
      const href = link?.attrs?.href;
      if (typeof href === "string") links.push({ href, start, end: text.length, text: node.text ?? "" });
      return;
    }
    if (node.type === "footnoteReference") {
      text += footnoteMarker(node);
      return;
    }
    for (const child of node.content ?? []) walk(child);
    if (node.type !== "doc" && node.type !== "hardBreak") text += "\n";
  };
  walk(body);
  return { text, links, images };
}

/** Images without alt text (a Word import from LibreOffice or WPS, say): screen readers cannot describe them. */
export function missingAltFindings(images: ImageRef[]): Finding[] {
  return images.flatMap((image, index) =>
    image.alt.trim()
      ? []
      : [
          {
            kind: "missing_alt" as const,
            level: "warn" as const,
            start: image.start,
            end: image.start,
            text: `第 ${index + 1} 张图片`,
            message: "图片缺少替代文本，请在编辑器中该图片下方的“替代文本”框填写，供读屏软件朗读",
          },
        ],
  );
}

export async function loadLexicon(db: Db | Tx): Promise<Lexicon> {
  const row = await db.platformState.findUnique({ where: { key: LEXICON_STATE_KEY } });
  const parsed = ZLexicon.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_LEXICON;
}

/** Internal paths a link may point to: a live publication's content page or an existing column. */
async function internalResolver(db: Db | Tx, links: LinkRef[]) {
  const contentIds = new Set<string>();
  const slugs = new Set<string>();
  for (const link of links) {
    const content = /\/content\/([0-9a-f-]{36})/.exec(link.href);
    if (content) contentIds.add(content[1]!);
    const column = /\/columns\/([\w-]+)/.exec(link.href);
    if (column) slugs.add(column[1]!);
  }
  const [live, columns] = await Promise.all([
    contentIds.size
      ? db.publication.findMany({
          where: { resourceId: { in: [...contentIds] }, withdrawnAt: null, supersededAt: null },
          select: { resourceId: true },
        })
      : [],
    slugs.size ? db.column.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true } }) : [],
  ]);
  const liveIds = new Set(live.map((row) => row.resourceId));
  const liveSlugs = new Set(columns.map((row) => row.slug));
  return (path: string) => {
    if (path === "/" || path === "") return true;
    const content = /^\/content\/([0-9a-f-]{36})\/?$/.exec(path);
    if (content) return liveIds.has(content[1]!);
    const column = /^\/columns\/([\w-]+)\/?$/.exec(path);
    if (column) return liveSlugs.has(column[1]!);
    return path.startsWith("/api/assets/");
  };
}

// Texts from the public (留言答复, 征集结果反馈, the questions in a 访谈实录) may not show anyone's personal data.
const FROM_PUBLIC = new Set<ResourceKind>(["INTERACTION_REPLY", "CONSULTATION_RESULT", "INTERVIEW_TRANSCRIPT"]);

export async function checkRevision(
  db: Db | Tx,
  revision: { title: string; body: unknown; metadata?: unknown },
  kind?: ResourceKind,
): Promise<Finding[]> {
  const { text, links, images } = revisionText(revision.title, revision.body as RichText, revision.metadata);
  const [lexicon, hosts, resolvesInternally] = await Promise.all([
    loadLexicon(db),
    db.siteHost.findMany({ select: { host: true } }),
    internalResolver(db, links),
  ]);
  const findings = [
    ...runPrechecks(text, links, { lexicon, platformHosts: hosts.map((row) => row.host), resolvesInternally }),
    ...missingAltFindings(images),
  ];
  return kind && FROM_PUBLIC.has(kind) ? strictPersonalData(findings) : findings;
}
