import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { updateSiteSettings } from "@/lib/sites/admin";
import { findSiteById } from "@/lib/sites/portal";
import { getAssetFile, uploadAsset } from "@/lib/library/assets";
import { packIco, siteFavicon } from "@/lib/sites/favicon";
import { cacheTag } from "@/lib/cache/render-scope";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, fileDb, restoreAfterTest } from "./helpers";

// Site identity (issue #24 items 2 and 5): the site administrator uploads logo, banner, favicon
// and the 党政机关 badge with the site settings. Bad files are refused in Chinese and change
// nothing; only the site's own administrator may save; saving is audited and purges exactly the
// site's pages; the images a site shows are public, an unused upload is not.

let siteadmin: Actor;
let editor: Actor;
let districtId: string;
let cultureId: string;

const png = (width: number, height: number, background = "#a8201a") =>
  sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();
const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#1a5291" } })
    .jpeg()
    .toBuffer();

/** An .ico whose one image is 32×16 (the directory entry says so). */
async function wideIco() {
  const ico = packIco([{ size: 32, png: await png(32, 16) }]);
  ico.writeUInt8(16, 7);
  return ico;
}

beforeAll(async () => {
  const db = await fileDb();
  [siteadmin, editor] = await actorsFor("siteadmin", "editor");
  districtId = (await db.site.findFirstOrThrow({ where: { siteCode: "5001060001" } })).id;
  cultureId = (await db.site.findFirstOrThrow({ where: { siteCode: "5000000037" } })).id;
});

/** The district's settings form as it stands, so a test changes only what it names. */
async function currentForm(siteId = districtId) {
  const site = await getDb().site.findUniqueOrThrow({ where: { id: siteId }, include: { hosts: true } });
  const text = (value: string | null) => value ?? "";
  return {
    siteId,
    name: site.name,
    siteCode: site.siteCode,
    icpNumber: text(site.icpNumber),
    psbNumber: text(site.psbNumber),
    contact: text(site.contact),
    theme: site.theme,
    hosts: site.hosts.map((host) => host.host).join(" "),
    organizerName: text(site.organizerName),
    operatorName: text(site.operatorName),
    contactAddress: text(site.contactAddress),
    contactEmail: text(site.contactEmail),
    badgeUrl: text(site.badgeUrl),
    errorReportUrl: text(site.errorReportUrl),
  };
}

/** Puts the district's settings and images back when the test ends. */
async function keepDistrict() {
  const before = await getDb().site.findUniqueOrThrow({ where: { id: districtId } });
  restoreAfterTest(() => getDb().site.update({ where: { id: districtId }, data: before }));
}

async function counts() {
  const db = getDb();
  return {
    assets: await db.asset.count(),
    audits: await db.auditEvent.count({ where: { action: "site.update" } }),
    purges: await db.portalPurge.count(),
  };
}

describe("site identity images", () => {
  it("refuses a file of the wrong type, size or shape with a Chinese message, and changes nothing", async () => {
    await keepDistrict();
    const form = await currentForm();
    const site = await getDb().site.findUniqueOrThrow({ where: { id: districtId } });
    const before = await counts();
    const cases: { slot: string; file: { fileName: string; bytes: Uint8Array }; message: RegExp }[] = [
      {
        slot: "favicon",
        file: { fileName: "icon.jpg", bytes: await jpeg(32, 32) },
        message: /^网站图标只能上传 PNG、ICO 图片/,
      },
      { slot: "logo", file: { fileName: "logo.svg", bytes: Buffer.from("<svg/>") }, message: /^网站标志只能上传/ },
      {
        slot: "logo",
        file: { fileName: "logo.png", bytes: Buffer.from("<html>not an image</html>") },
        message: /^网站标志：文件内容与扩展名 \.png 不符/,
      },
      {
        slot: "banner",
        file: { fileName: "banner.jpg", bytes: new Uint8Array(3 * 1024 * 1024 + 1) },
        message: /^页头横幅不超过 3 MB/,
      },
      { slot: "banner", file: { fileName: "banner.jpg", bytes: await jpeg(1200, 800) }, message: /横向长条/ },
      {
        slot: "favicon",
        file: { fileName: "icon.png", bytes: await png(32, 16) },
        message: /^网站图标须为正方形（当前 32×16 像素）/,
      },
      {
        slot: "favicon",
        file: { fileName: "icon.ico", bytes: await wideIco() },
        message: /^网站图标须为正方形/,
      },
      { slot: "badge", file: { fileName: "badge.png", bytes: await png(20, 20) }, message: /^标识图片边长/ },
    ];
    for (const { slot, file, message } of cases) {
      const refusal = updateSiteSettings(siteadmin, { ...form, theme: "azure", images: { [slot]: file } });
      await expect(refusal, `${slot} ${file.fileName}`).rejects.toMatchObject({
        code: "INVALID",
        message: expect.stringMatching(message),
        fieldErrors: { [slot]: [expect.stringMatching(message)] },
      });
    }
    // A good logo beside a bad favicon: the whole save is refused, the good file too.
    await expect(
      updateSiteSettings(siteadmin, {
        ...form,
        images: {
          logo: { fileName: "logo.png", bytes: await png(200, 60) },
          favicon: { fileName: "icon.png", bytes: await png(40, 20) },
        },
      }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { favicon: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
    expect(await getDb().site.findUniqueOrThrow({ where: { id: districtId } })).toEqual(site);
  });

  it("refuses bad footer fields and malformed uploads as invalid input, with Chinese field errors", async () => {
    await keepDistrict();
    const form = await currentForm();
    const site = await getDb().site.findUniqueOrThrow({ where: { id: districtId } });
    const before = await counts();
    for (const [change, field, message] of [
      [{ errorReportUrl: "https://zfwzzc.www.gov.cn/?url={url}" }, "errorReportUrl", /\{siteCode\}/],
      [{ badgeUrl: "javascript:alert(1)" }, "badgeUrl", /^党政机关网站标识链接有误/],
      [{ contactEmail: "办公室" }, "contactEmail", /^电子邮箱格式不正确$/],
      [{ operatorName: "承".repeat(61) }, "operatorName", /^承办单位不超过 60 字$/],
    ] as const) {
      await expect(updateSiteSettings(siteadmin, { ...form, ...change })).rejects.toMatchObject({
        code: "INVALID",
        fieldErrors: { [field]: [expect.stringMatching(message)] },
      });
    }
    await expect(
      updateSiteSettings(siteadmin, { ...form, images: { logo: { fileName: 5, bytes: "not bytes" } } }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { images: ["文件名无效", "上传的文件无法读取"] } });
    expect(await counts()).toEqual(before);
    expect(await getDb().site.findUniqueOrThrow({ where: { id: districtId } })).toEqual(site);
  });

  it("refuses people who do not administer the site, and another unit's site", async () => {
    await keepDistrict();
    const before = await counts();
    const images = { logo: { fileName: "logo.png", bytes: await png(200, 60) } };
    await expect(updateSiteSettings(editor, { ...(await currentForm()), images })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateSiteSettings(null, { ...(await currentForm()), images })).rejects.toMatchObject({
      code: expect.stringMatching(/UNAUTHENTICATED|FORBIDDEN/),
    });
    await expect(updateSiteSettings(siteadmin, { ...(await currentForm(cultureId)), images })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await counts()).toEqual(before);
  });

  it("saves theme, images and footer fields in one audited change that purges exactly the site's pages", async () => {
    await keepDistrict();
    const before = await counts();
    const lastPurge = (await getDb().portalPurge.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
    const icon = packIco([{ size: 32, png: await png(32, 32) }]);
    await updateSiteSettings(siteadmin, {
      ...(await currentForm()),
      theme: "azure",
      operatorName: "区大数据发展局（示例）",
      contactEmail: "web@example.gov.cn",
      badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=ABC",
      errorReportUrl: "https://zfwzzc.www.gov.cn/check?code={siteCode}&u={url}",
      images: {
        logo: { fileName: "区徽.png", bytes: await png(200, 60) },
        banner: { fileName: "banner.jpg", bytes: await jpeg(1920, 300) },
        favicon: { fileName: "favicon.ico", bytes: icon },
        badge: { fileName: "badge.png", bytes: await png(120, 48, "#c4161c") },
      },
    });
    const site = (await findSiteById(districtId))!;
    expect(site).toMatchObject({
      theme: "azure",
      operatorName: "区大数据发展局（示例）",
      contactEmail: "web@example.gov.cn",
      badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=ABC",
    });
    const assets = await getDb().asset.findMany({
      where: { id: { in: [site.logoAssetId!, site.bannerAssetId!, site.faviconAssetId!, site.badgeAssetId!] } },
    });
    expect(assets.map((asset) => asset.mimeType).sort()).toEqual([
      "image/jpeg",
      "image/png",
      "image/png",
      "image/x-icon",
    ]);
    expect(new Set(assets.map((asset) => asset.ownerOrgId))).toEqual(new Set([site.orgId]));
    expect(await counts()).toEqual({
      ...before,
      assets: before.assets + 4,
      audits: before.audits + 1,
      purges: before.purges + 1,
    });

    const purges = await getDb().portalPurge.findMany({ where: { id: { gt: lastPurge } } });
    expect(purges.map((purge) => purge.tags)).toEqual([[cacheTag.site(districtId)]]);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "site.update", subject: `site:${districtId}` },
      orderBy: { at: "desc" },
    });
    expect(audit.actorId).toBe(siteadmin.id);
    expect(audit.data).toMatchObject({
      before: { theme: "classic", logoAssetId: null },
      after: { theme: "azure", logoAssetId: site.logoAssetId, faviconAssetId: site.faviconAssetId },
      uploaded: expect.arrayContaining([expect.objectContaining({ slot: "logo", fileName: "区徽.png" })]),
    });

    // /favicon.ico serves the uploaded icon as it was sent.
    expect(await siteFavicon(site)).toEqual({ bytes: Buffer.from(icon), contentType: "image/x-icon" });

    // Removing the logo and favicon falls back to the theme's; the banner, left alone, stays.
    await updateSiteSettings(siteadmin, { ...(await currentForm()), removeLogo: "on", removeFavicon: "on" });
    const after = (await findSiteById(districtId))!;
    expect(after).toMatchObject({ logoAssetId: null, faviconAssetId: null, bannerAssetId: site.bannerAssetId });
    const fallback = await siteFavicon(after);
    expect(fallback.contentType).toBe("image/x-icon");
    expect(fallback.bytes.equals(Buffer.from(icon))).toBe(false);
  });
});

describe("who may fetch identity images", () => {
  it("serves a site's images to anyone, an unused upload to nobody outside, and a removed logo no more", async () => {
    await keepDistrict();
    const unused = await uploadAsset(editor, { fileName: "草稿配图.png", bytes: await png(300, 200, "#336699") });
    await expect(getAssetFile(null, unused.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await updateSiteSettings(siteadmin, {
      ...(await currentForm()),
      images: { logo: { fileName: "logo.png", bytes: await png(180, 60, "#0b6154") } },
    });
    const logoId = (await getDb().site.findUniqueOrThrow({ where: { id: districtId } })).logoAssetId!;
    const file = await getAssetFile(null, logoId);
    expect(file).toMatchObject({ access: "public", mimeType: "image/png" });
    await expect(getAssetFile(null, unused.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await updateSiteSettings(siteadmin, { ...(await currentForm()), removeLogo: "on" });
    await expect(getAssetFile(null, logoId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
