import QRCode from "qrcode";

// Sharing an article page: a QR code for WeChat generated here (no third-party service sees
// the visitor), and the share links Weibo and QQ document for their web share dialogs.

export async function shareLinks(url: string, title: string) {
  const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: 160 });
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return {
    qrSvg,
    weibo: `https://service.weibo.com/share/share.php?${query({ url, title })}`,
    qq: `https://connect.qq.com/widget/shareqq/index.html?${query({ url, title })}`,
  };
}
