// GET /admin/sites/:id/home – the site administrator composes the site's home page from blocks.
import Link from "next/link";
import { orPageError, requireActor } from "../../../guard";
import { getHomeComposer } from "@/lib/sites/home-layout";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { HomeComposer } from "@/components/admin/home-composer";
import { publishHomeLayoutAction, saveHomeDraftAction } from "./actions";

type Props = { params: Promise<{ id: string }> };

const t = messages.homeBlocks.composer;

export default async function HomeComposerPage({ params }: Props) {
  const actor = await requireActor();
  const composer = await orPageError(getHomeComposer(actor, (await params).id));
  const status = composer.publishedAt ? t.statusPublished(formatDateTime(composer.publishedAt)) : t.statusDefault;
  return (
    <>
      <p>
        <Link href={`/admin/sites/${composer.site.id}`}>{composer.site.name}</Link>
      </p>
      <h1>{t.title(composer.site.name)}</h1>
      <p>{t.intro}</p>
      <p>
        {t.status}：{status}
        {composer.hasUnpublished ? `；${t.statusDraft}` : null}
      </p>
      <HomeComposer
        siteId={composer.site.id}
        version={composer.version}
        previewPath={composer.previewPath}
        columns={composer.columns.map((column) => ({
          id: column.id,
          parentId: column.parentId,
          name: column.name,
          kind: column.kind,
        }))}
        blocks={composer.blocks}
        saveDraftAction={saveHomeDraftAction}
        publishAction={publishHomeLayoutAction}
      />
    </>
  );
}
