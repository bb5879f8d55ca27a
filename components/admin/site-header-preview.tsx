"use client";

import { useEffect, useRef, useState } from "react";

// A preview of the portal header before saving: the theme chosen in the settings form, and the
// logo and banner files chosen (shown from the browser's own copy; nothing is uploaded until the
// form is saved) or else the ones the site has now.

type Props = {
  siteName: string;
  themes: { id: string; mainColor: string }[];
  current: { theme: string; logoSrc: string | null; bannerSrc: string | null };
};

export function SiteHeaderPreview({ siteName, themes, current }: Props) {
  const ref = useRef<HTMLElement>(null);
  const [theme, setTheme] = useState(current.theme);
  const [logo, setLogo] = useState(current.logoSrc);
  const [banner, setBanner] = useState(current.bannerSrc);

  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const made: string[] = [];
    const chosen = (name: string, now: string | null) => {
      const input = form.elements.namedItem(name);
      const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
      if (!file || !file.type.startsWith("image/")) return now;
      const url = URL.createObjectURL(file);
      made.push(url);
      return url;
    };
    const removing = (name: string) => {
      const box = form.elements.namedItem(name);
      return box instanceof HTMLInputElement && box.checked;
    };
    const update = () => {
      made.splice(0).forEach((url) => URL.revokeObjectURL(url));
      const select = form.elements.namedItem("theme");
      if (select instanceof HTMLSelectElement && select.value) setTheme(select.value);
      setLogo(chosen("logo", removing("removeLogo") ? null : current.logoSrc));
      setBanner(chosen("banner", removing("removeBanner") ? null : current.bannerSrc));
    };
    form.addEventListener("change", update);
    return () => {
      form.removeEventListener("change", update);
      made.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [current.logoSrc, current.bannerSrc]);

  const main = themes.find((entry) => entry.id === theme)?.mainColor ?? themes[0]?.mainColor;
  const initial = siteName.replace(/^(重庆市|.{2,3}省|.{2,3}市)/, "").slice(0, 1);
  return (
    <figure ref={ref} className="site-header-preview" aria-label="页头预览">
      <div className="preview-header" style={{ background: main }}>
        {banner ? <img className="preview-banner" src={banner} alt="" /> : null}
        <div
          className="preview-row"
          style={banner ? { background: `linear-gradient(90deg, ${main} 40%, transparent)` } : {}}
        >
          {logo ? (
            <img className="preview-logo" src={logo} alt="" />
          ) : (
            <span className="preview-emblem" style={{ color: main }} aria-hidden="true">
              {initial}
            </span>
          )}
          <span className="preview-title">{siteName}</span>
        </div>
      </div>
      <figcaption>页头预览：显示所选主题和图片，点击“保存网站信息”后生效</figcaption>
    </figure>
  );
}
