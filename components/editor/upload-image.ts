/** Uploads an image pasted or dropped into the body to the asset store; the editor inserts its URL. */
export async function uploadImage(file: File): Promise<{ url: string } | { error: string }> {
  const form = new FormData();
  form.append("file", file);
  const response = await fetch("/api/assets", { method: "POST", body: form });
  const data = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
  return response.ok && data.url ? { url: data.url } : { error: data.error ?? "图片上传失败，请稍后再试。" };
}
