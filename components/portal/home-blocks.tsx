import type { CSSProperties } from "react";
import type { HomeBlockView, HomeListItem } from "@/lib/sites/home-portal";
import { formatDate } from "@/lib/format";
import { focalObjectPosition } from "@/lib/library/focal-point";
import { messages } from "@/lib/i18n/zh-CN";
import { ItemList } from "./item-list";
import { HomeCarousel, type CarouselSlide } from "./home-carousel";
import { Island } from "./islands/island";

/** The carousel in its island box (components/portal/islands). */
function CarouselIsland({ id, slides }: { id: string; slides: CarouselSlide[] }) {
  return (
    <Island name="home-carousel" props={{ id, slides }}>
      <HomeCarousel id={id} slides={slides} />
    </Island>
  );
}

// The blocks of a composed home page, in the order the site administrator gave them. Wide blocks
// take a row; consecutive focus images and headlines share a row two by two, consecutive lists
// three by three (two in the 山水青 layout); on a phone every block takes the whole width.

const t = messages.portal;
const h = messages.homeBlocks;

const SIZE: Record<HomeBlockView["kind"], "full" | "half" | "part"> = {
  FOCUS: "half",
  HEADLINES: "half",
  LIST: "part",
  INTERACTION: "part",
  SERVICES: "full",
  TOPICS: "full",
  LEADERS: "full",
  IMAGE_BANNER: "full",
  LINKS: "full",
};

export function HomeBlocks({ blocks, layout }: { blocks: HomeBlockView[]; layout: "portal" | "feature" }) {
  return (
    <div className={`home-blocks home-blocks-${layout}`}>
      {rowsOf(blocks).map((row) =>
        row.size === "full" ? (
          <Block key={row.blocks[0]!.key} block={row.blocks[0]!} />
        ) : (
          <div
            key={row.blocks[0]!.key}
            className={`home-row home-row-${row.size}`}
            style={{ "--per-row": Math.min(row.blocks.length, PER_ROW[layout][row.size]) } as CSSProperties}
          >
            {row.blocks.map((block) => (
              <Block key={block.key} block={block} />
            ))}
          </div>
        ),
      )}
    </div>
  );
}

/** How many blocks of a size share a row at most, per theme layout. */
const PER_ROW = { portal: { half: 2, part: 3 }, feature: { half: 2, part: 2 } } as const;

/** Consecutive half-width or part-width blocks share rows; a full-width block is a row of its own. */
function rowsOf(blocks: HomeBlockView[]) {
  const rows: { size: "full" | "half" | "part"; blocks: HomeBlockView[] }[] = [];
  for (const block of blocks) {
    const size = SIZE[block.kind];
    const last = rows.at(-1);
    if (size !== "full" && last?.size === size) last.blocks.push(block);
    else rows.push({ size, blocks: [block] });
  }
  return rows;
}

function Block({ block }: { block: HomeBlockView }) {
  return (
    <section className={`home-block home-block-${block.kind.toLowerCase()}`} aria-labelledby={`${block.key}-title`}>
      <BlockHeading block={block} />
      <BlockBody block={block} />
    </section>
  );
}

function BlockHeading({ block }: { block: HomeBlockView }) {
  const more = "moreHref" in block ? block.moreHref : block.kind === "INTERACTION" ? block.column.href : null;
  const hidden = block.kind === "IMAGE_BANNER";
  return (
    <h2 className={hidden ? "visually-hidden" : "home-block-title"}>
      <span id={`${block.key}-title`}>{block.title}</span>
      {more ? (
        <a className="more" href={more} aria-label={`${block.title} ${t.more}`}>
          {t.more}
        </a>
      ) : null}
    </h2>
  );
}

function BlockBody({ block }: { block: HomeBlockView }) {
  switch (block.kind) {
    case "FOCUS":
      return (
        <CarouselIsland
          id={block.key}
          slides={block.slides.map((item) => ({
            href: `/content/${item.resourceId}`,
            title: item.title,
            src: item.titleImage.src,
            alt: item.titleImage.alt ?? "",
            position: focalObjectPosition(item.titleImage),
            date: formatDate(item.publishedAt),
          }))}
        />
      );
    case "HEADLINES":
      return (
        <>
          {block.headline ? <Headline item={block.headline} withImage={block.withImage} /> : null}
          {block.headline && block.items.length === 0 ? null : <ItemList items={block.items} />}
        </>
      );
    case "LIST":
      return block.showSummary || block.showImage ? (
        <RichList items={block.items} showSummary={block.showSummary} showImage={block.showImage} />
      ) : (
        <ItemList items={block.items} showDocNumber={block.showDocNumber} />
      );
    case "SERVICES":
      return <LinkTiles links={block.entries} className="home-services" />;
    case "INTERACTION":
      return (
        <>
          {block.entries.length ? <LinkTiles links={block.entries} className="home-interaction" /> : null}
          <p className="home-interaction-actions">
            <a className="home-write" href={block.writeHref}>
              {h.interaction.write}
            </a>
            <a href={block.column.href}>{h.interaction.enter}</a>
          </p>
        </>
      );
    case "TOPICS":
      return (
        <ul className="home-topics">
          {block.topics.map((topic) => (
            <li key={topic.href}>
              <a href={topic.href}>
                <img src={topic.bannerSrc} alt="" />
                <span>{topic.name}</span>
              </a>
            </li>
          ))}
        </ul>
      );
    case "LEADERS":
      return block.leaders.length ? (
        <ul className="home-leaders">
          {block.leaders.map((leader) => (
            <li key={leader.resourceId}>
              <a href={`/content/${leader.resourceId}`}>
                {leader.photo ? (
                  <img src={leader.photo.src} alt="" style={{ objectPosition: focalObjectPosition(leader.photo) }} />
                ) : (
                  <span className="home-leader-nophoto" aria-hidden="true">
                    {leader.name.slice(0, 1)}
                  </span>
                )}
                <strong>{leader.name}</strong>
              </a>
              <span className="home-leader-post">{leader.post}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t.empty}</p>
      );
    case "IMAGE_BANNER":
      return block.href ? (
        <a href={block.href} className="home-image-banner">
          <img src={block.src} alt={block.alt} />
        </a>
      ) : (
        <img className="home-image-banner" src={block.src} alt={block.alt} />
      );
    case "LINKS":
      return (
        <ul className="home-links">
          {block.links.map((link) => (
            <li key={`${link.name}-${link.href}`}>
              <a href={link.href}>{link.name}</a>
            </li>
          ))}
        </ul>
      );
  }
}

function Headline({ item, withImage }: { item: HomeListItem; withImage: boolean }) {
  const href = `/content/${item.resourceId}`;
  return (
    <div className="home-headline">
      {withImage && item.titleImage ? (
        <a href={href} tabIndex={-1} aria-hidden="true">
          <img
            className="headline-image"
            src={item.titleImage.src}
            alt={item.titleImage.alt ?? ""}
            style={{ objectPosition: focalObjectPosition(item.titleImage) }}
          />
        </a>
      ) : null}
      <p className="headline-title">
        <a href={href}>{item.title}</a>
      </p>
      <p className="item-meta">
        {item.docNumber ? `${item.docNumber}　` : null}
        {t.publishedAt}：{formatDate(item.publishedAt)}
      </p>
    </div>
  );
}

function RichList({
  items,
  showSummary,
  showImage,
}: {
  items: HomeListItem[];
  showSummary: boolean;
  showImage: boolean;
}) {
  if (items.length === 0) return <p className="empty">{t.empty}</p>;
  return (
    <ul className="home-rich-list">
      {items.map((item) => (
        <li key={item.resourceId}>
          {showImage && item.titleImage ? (
            <img src={item.titleImage.src} alt="" style={{ objectPosition: focalObjectPosition(item.titleImage) }} />
          ) : null}
          <div>
            <a href={`/content/${item.resourceId}`}>{item.title}</a>
            {showSummary && item.summary ? <p>{item.summary}</p> : null}
            <time dateTime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt)}</time>
          </div>
        </li>
      ))}
    </ul>
  );
}

function LinkTiles({ links, className }: { links: { name: string; href: string }[]; className: string }) {
  return (
    <ul className={className}>
      {links.map((link) => (
        <li key={`${link.name}-${link.href}`}>
          <a href={link.href}>{link.name}</a>
        </li>
      ))}
    </ul>
  );
}
