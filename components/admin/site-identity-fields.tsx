import { Field } from "@/components/admin/action-form";
import { SiteHeaderPreview } from "@/components/admin/site-header-preview";
import { SITE_THEMES } from "@/lib/sites/themes";
import { DEFAULT_ERROR_REPORT_URL } from "@/lib/sites/identity-links";
import { SITE_IMAGE_RULES, SITE_IMAGE_FIELD, type SiteImageSlot } from "@/lib/sites/site-images";

// The site settings' identity part (inside the settings form): theme and uploaded images, the
// footer's units and contact, and the links national inspection checks.

type IdentitySite = {
  name: string;
  theme: string;
  contact: string | null;
  organizerName: string | null;
  operatorName: string | null;
  contactAddress: string | null;
  contactEmail: string | null;
  badgeUrl: string | null;
  errorReportUrl: string | null;
  org: { name: string };
} & Record<(typeof SITE_IMAGE_FIELD)[SiteImageSlot], string | null>;

const IMAGE_HINTS: Record<SiteImageSlot, { accept: string; hint: string; fallback: string }> = {
  logo: {
    accept: "image/png,image/jpeg,image/webp,image/gif",
    hint: "PNG、JPG、WebP 或 GIF，不超过 512 KB，40×40 至 1200×400 像素，建议透明底",
    fallback: "删除，改用主题自带标志",
  },
  banner: {
    accept: "image/png,image/jpeg,image/webp",
    hint: "PNG、JPG 或 WebP，不超过 3 MB，宽度不小于 960 像素、至少为高度的 3 倍",
    fallback: "删除，页头只用主题色",
  },
  favicon: {
    accept: "image/png,image/x-icon,.ico",
    hint: "PNG 或 ICO，不超过 200 KB，正方形，16 至 512 像素",
    fallback: "删除，改用主题自带图标",
  },
  badge: {
    accept: "image/png,image/jpeg,image/webp,image/gif",
    hint: "PNG、JPG、WebP 或 GIF，不超过 200 KB，边长 40 至 400 像素",
    fallback: "删除，改用平台绘制的标识",
  },
};

const REMOVE_NAME: Record<SiteImageSlot, string> = {
  logo: "removeLogo",
  banner: "removeBanner",
  favicon: "removeFavicon",
  badge: "removeBadge",
};

function ImageField({ site, slot }: { site: IdentitySite; slot: SiteImageSlot }) {
  const assetId = site[SITE_IMAGE_FIELD[slot]];
  const { accept, hint, fallback } = IMAGE_HINTS[slot];
  const label = SITE_IMAGE_RULES[slot].label;
  return (
    <div className="site-image-field">
      <p className="site-image-current">
        {assetId ? (
          <img src={`/api/assets/${assetId}`} alt={`当前${label}`} className={`site-image-preview preview-${slot}`} />
        ) : (
          <span className="muted">当前使用默认{label}</span>
        )}
      </p>
      <Field name={slot} label={`上传${label}（${hint}）`} type="file" accept={accept} />
      {assetId ? (
        <label className="inline">
          <input type="checkbox" name={REMOVE_NAME[slot]} /> {fallback}
        </label>
      ) : null}
    </div>
  );
}

export function SiteIdentityFields({ site }: { site: IdentitySite }) {
  return (
    <>
      <fieldset className="field">
        <legend>外观</legend>
        <Field
          name="theme"
          label="网站主题"
          type="select"
          defaultValue={site.theme}
          options={SITE_THEMES.map((theme) => ({ value: theme.id, label: `${theme.name}：${theme.description}` }))}
        />
        <SiteHeaderPreview
          siteName={site.name}
          themes={SITE_THEMES.map(({ id, mainColor }) => ({ id, mainColor }))}
          current={{
            theme: site.theme,
            logoSrc: site.logoAssetId ? `/api/assets/${site.logoAssetId}` : null,
            bannerSrc: site.bannerAssetId ? `/api/assets/${site.bannerAssetId}` : null,
          }}
        />
        <ImageField site={site} slot="logo" />
        <ImageField site={site} slot="banner" />
        <ImageField site={site} slot="favicon" />
      </fieldset>
      <fieldset className="field">
        <legend>页脚信息</legend>
        <Field
          name="organizerName"
          label={`主办单位（不填为“${site.org.name}”）`}
          defaultValue={site.organizerName ?? ""}
        />
        <Field name="operatorName" label="承办单位" defaultValue={site.operatorName ?? ""} />
        <Field name="contactAddress" label="联系地址" defaultValue={site.contactAddress ?? ""} />
        <Field name="contact" label="联系电话" defaultValue={site.contact ?? ""} />
        <Field name="contactEmail" label="电子邮箱" defaultValue={site.contactEmail ?? ""} />
      </fieldset>
      <fieldset className="field">
        <legend>党政机关网站标识与找错入口</legend>
        <Field
          name="badgeUrl"
          label="党政机关网站标识链接（如 http://bszs.conac.cn/sitename?method=show&id=…）"
          defaultValue={site.badgeUrl ?? ""}
        />
        <ImageField site={site} slot="badge" />
        <Field
          name="errorReportUrl"
          label={`“我为政府网站找错”链接模板（{siteCode} 为网站标识码，{url} 为页面地址；不填为 ${DEFAULT_ERROR_REPORT_URL}）`}
          defaultValue={site.errorReportUrl ?? ""}
        />
      </fieldset>
    </>
  );
}
