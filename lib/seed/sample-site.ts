import type { Tx } from "@/lib/db/client";
import {
  cityscapeSvg,
  createRandom,
  landscapeSvg,
  portraitSvg,
  storeSampleImage,
  type SampleImage,
} from "@/lib/seed/sample-images";
import {
  interpretationBody,
  leaderBody,
  newsBody,
  newsTitle,
  noticeBody,
  noticeTitle,
  policyBody,
  POLICY_SUBJECTS,
  sampleTitle,
} from "@/lib/seed/sample-text";
import { add, DAY, spreadDate, type Context, type SiteSamples } from "@/lib/seed/sample-context";
import { seedCatalogue, seedPages } from "@/lib/seed/sample-catalogue";
import { seedQaSamples } from "@/lib/seed/sample-qa";

// One site's sample content (lib/seed/samples.ts runs it for each demo site): news with title
// images, notices, leaders, the 政府信息公开 catalogue (指南, 制度, 机构职能, 政策文件 with their
// 解读, 年报, 依申请公开), 专题 with banners, and the footer pages. Dates spread over the last four
// months, newest first in every column, so lists look alive and no column looks stale.

async function drawImages(context: Context, count: number, seed: number): Promise<SampleImage[]> {
  const images: SampleImage[] = [];
  for (let index = 0; index < count; index++) {
    const draw = index % 2 === (context.site.culture ? 1 : 0) ? cityscapeSvg : landscapeSvg;
    images.push(
      await storeSampleImage(context.tx, {
        svg: draw(seed + index, 960, 540),
        fileName: `示例图片-${context.site.key}-${String(index + 1).padStart(2, "0")}.jpg`,
        ownerOrgId: context.site.unit.id,
        uploadedById: context.site.authorId,
        at: context.now,
      }),
    );
  }
  return images;
}

function titleImage(image: SampleImage, alt: string) {
  return { src: image.src, focalX: 0.5, focalY: 0.45, alt: `示例配图：${alt.replace(/^【示例】/, "").slice(0, 60)}` };
}

async function seedNews(context: Context, images: SampleImage[]) {
  const { site } = context;
  const headlines = 30;
  for (let index = 0; index < headlines; index++) {
    const unit = index % 3 === 0 ? site.selfName : site.units[index % site.units.length]!;
    const title = newsTitle(index, unit, site.culture);
    await add(context, {
      kind: "ARTICLE",
      title,
      blocks: newsBody(context.random, unit),
      slugs: [site.columns.headlines],
      at: spreadDate(context, index, headlines, 120, 0),
      metadata: { titleImage: titleImage(images[index % images.length]!, title) },
    });
  }
  if (site.columns.news) {
    const count = 24;
    for (let index = 0; index < count; index++) {
      const unit = site.units[(index + 5) % site.units.length]!;
      const title = newsTitle(index + 3, unit, site.culture);
      await add(context, {
        kind: "ARTICLE",
        title,
        blocks: newsBody(context.random, unit),
        slugs: [site.columns.news],
        at: spreadDate(context, index, count, 110),
        metadata: index % 2 ? {} : { titleImage: titleImage(images[(index + 7) % images.length]!, title) },
      });
    }
  }
  const notices = 18;
  for (let index = 0; index < notices; index++) {
    const issuer = index % 2 ? site.selfName : site.units[index % site.units.length]!;
    await add(context, {
      kind: "NOTICE",
      title: noticeTitle(index, issuer),
      blocks: noticeBody(context.random, issuer, site.contact),
      slugs: [site.columns.notices],
      at: spreadDate(context, index, notices, 120),
    });
  }
}

async function seedLeaders(context: Context) {
  const { site } = context;
  for (const [rank, leader] of site.leaders.entries()) {
    const photo = await storeSampleImage(context.tx, {
      svg: portraitSvg(rank + (site.culture ? 50 : 0), 360, 450),
      fileName: `示例头像-${site.key}-${rank + 1}.jpg`,
      ownerOrgId: site.unit.id,
      uploadedById: site.authorId,
      at: context.now,
    });
    await add(context, {
      kind: "LEADER",
      title: sampleTitle(`${leader.post} ${leader.name.replace(/（示例）$/, "")}`),
      blocks: leaderBody(leader),
      slugs: [site.columns.leaders],
      at: new Date(context.now.getTime() - (60 + rank) * DAY),
      metadata: {
        leader: {
          ...leader,
          rank,
          photo: { src: photo.src, focalX: 0.5, focalY: 0.35, alt: `${leader.name}示例头像（剪影）` },
        },
      },
    });
  }
}

async function seedPolicies(context: Context, interpretedSeedPolicyIds: string[]) {
  const { site } = context;
  const count = site.culture ? 6 : 10;
  const policyIds: { id: string; title: string }[] = [];
  for (let index = 0; index < count; index++) {
    const subject = POLICY_SUBJECTS[index % POLICY_SUBJECTS.length]!;
    const at = spreadDate(context, index, count, 150);
    const writtenOn = new Date(at.getTime() - 3 * DAY).toISOString().slice(0, 10);
    const title = sampleTitle(`${site.unit.name}${subject.title}`);
    const id = await add(context, {
      kind: "POLICY",
      title,
      blocks: policyBody(context.random, site.unit.name, subject.title),
      slugs: [site.columns.policies],
      at,
      metadata: {
        themeCode: "0102",
        policy: {
          docNumber: `${site.docPrefix}〔${writtenOn.slice(0, 4)}〕${count - index}号`,
          issuer: site.unit.name,
          writtenOn,
          effectiveOn: writtenOn,
          genre: subject.genre,
          // 文件类别 for the annual report's table 二: most of a unit's policy documents are 行政规范性文件.
          ...(index % 3 === 2 ? {} : { category: "normative" as const }),
          addressee: null,
        },
      },
    });
    policyIds.push({ id, title });
  }
  // 政策解读, each linked to what it interprets (解读): the site's newest policies and the seeded ones.
  const interpreted = [...policyIds.slice(0, Math.ceil(count / 2))];
  for (const [index, policy] of interpreted.entries()) {
    const name = policy.title.replace(/^【示例】/, "");
    await add(context, {
      kind: "INTERPRETATION",
      title: sampleTitle(`《${name}》政策解读`),
      blocks: interpretationBody(name),
      slugs: [site.columns.interpretations],
      at: spreadDate(context, index, interpreted.length, 150),
      metadata: { relations: [{ kind: "INTERPRETS", targetId: policy.id }] },
    });
  }
  for (const [index, target] of interpretedSeedPolicyIds.entries()) {
    const policy = await context.tx.resource.findUniqueOrThrow({ where: { id: target }, select: { title: true } });
    await add(context, {
      kind: "INTERPRETATION",
      title: sampleTitle(`图解《${policy.title}》`),
      blocks: interpretationBody(policy.title),
      slugs: [site.columns.interpretations],
      at: new Date(context.now.getTime() - (20 + index * 9) * DAY),
      metadata: { relations: [{ kind: "INTERPRETS", targetId: target }] },
    });
  }
}

async function seedTopics(context: Context, images: SampleImage[]) {
  const { site } = context;
  for (const [topicIndex, topic] of site.columns.topics.entries()) {
    const banner = await storeSampleImage(context.tx, {
      svg: landscapeSvg(900 + topicIndex + (site.culture ? 10 : 0), 1200, 300),
      fileName: `示例专题横幅-${site.key}-${topic.slug}.jpg`,
      ownerOrgId: site.unit.id,
      uploadedById: site.authorId,
      at: context.now,
    });
    await context.tx.column.update({ where: { id: context.column(topic.slug) }, data: { bannerSrc: banner.src } });
    for (const [sub, label] of [
      ["gzdt", "工作动态"],
      ["zccs", "政策措施"],
    ] as const) {
      for (let index = 0; index < 4; index++) {
        const title = sampleTitle(`${topic.name}${label}（第 ${4 - index} 期）`);
        await add(context, {
          kind: "ARTICLE",
          title,
          blocks: newsBody(context.random, site.selfName),
          slugs: [`${topic.slug}-${sub}`],
          at: spreadDate(context, index + topicIndex, 6, 90),
          metadata:
            sub === "gzdt" ? { titleImage: titleImage(images[(index + topicIndex) % images.length]!, title) } : {},
        });
      }
    }
  }
}

/** Seeds one site's sample content; returns how many items it created. */
export async function seedSiteSamples(
  tx: Tx,
  site: SiteSamples,
  options: { now: Date; columnIds: Map<string, string>; interpretedSeedPolicyIds: string[] },
): Promise<number> {
  const before = await tx.resource.count();
  const context: Context = {
    tx,
    site,
    now: options.now,
    random: createRandom(site.culture ? 2024 : 1024),
    column: (slug) => {
      const id = options.columnIds.get(slug);
      if (!id) throw new Error(`sample content: the ${site.key} site has no column "${slug}"`);
      return id;
    },
  };
  const images = await drawImages(context, 12, site.culture ? 300 : 100);
  await seedNews(context, images);
  await seedLeaders(context);
  await seedCatalogue(context);
  await seedPolicies(context, options.interpretedSeedPolicyIds);
  await seedTopics(context, images);
  await seedPages(context);
  await seedQaSamples(context);
  return (await tx.resource.count()) - before;
}
