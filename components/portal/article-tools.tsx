"use client";

import { useState } from "react";

// Font-size switch (大 中 小) for the article body, print, and share. The WeChat QR code is an SVG
// rendered on the server and revealed by <details>, so it works without JavaScript too.

const SIZES = [
  { id: "large", label: "大" },
  { id: "medium", label: "中" },
  { id: "small", label: "小" },
] as const;

export function ArticleTools({ share }: { share: { qrSvg: string; weibo: string; qq: string } }) {
  const [size, setSize] = useState<string>("medium");
  const choose = (id: string) => {
    setSize(id);
    document.querySelector<HTMLElement>(".article")?.setAttribute("data-font", id);
  };
  return (
    <div className="article-tools">
      <span role="group" aria-label="字号">
        字号：
        {SIZES.map((option) => (
          <button key={option.id} type="button" aria-pressed={size === option.id} onClick={() => choose(option.id)}>
            {option.label}
          </button>
        ))}
      </span>
      <button type="button" onClick={() => window.print()}>
        打印本页
      </button>
      <details className="share-wechat">
        <summary>微信扫一扫分享</summary>
        <div
          className="qr"
          role="img"
          aria-label="本页网址的二维码"
          dangerouslySetInnerHTML={{ __html: share.qrSvg }}
        />
      </details>
      <a href={share.weibo} target="_blank" rel="noopener noreferrer">
        分享到微博
      </a>
      <a href={share.qq} target="_blank" rel="noopener noreferrer">
        分享到QQ
      </a>
    </div>
  );
}
