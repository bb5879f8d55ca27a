import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePng } from "../fixtures/make-docx";
import { actorFor, fileDb } from "./helpers";

// The S3-compatible asset store against a real S3 protocol server (s3rver) on loopback.

let server: S3rver;
let directory: string;

beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "tongyuan-s3-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: "tongyuan-assets", configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  Object.assign(process.env, {
    ASSET_STORE: "s3",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: "tongyuan-assets",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });
});

afterAll(async () => {
  await server.close();
  await fs.rm(directory, { recursive: true, force: true });
});

describe("the S3-compatible asset store", () => {
  it("stores uploads and their thumbnails in the bucket and serves them back", async () => {
    await fileDb();
    const { uploadAsset, getAssetFile } = await import("@/lib/library/assets");
    const png = await makePng(200, 100);
    const editor = await actorFor("editor");
    const asset = await uploadAsset(editor, { fileName: "s3图片.png", bytes: png });
    const original = await getAssetFile(editor, asset.id);
    expect(Buffer.compare(original.bytes, png)).toBe(0);
    expect((await getAssetFile(editor, asset.id, "thumbnail")).mimeType).toBe("image/webp");
    // The bytes are in the bucket, not in the local asset directory.
    const stored = await fs.readdir(path.join(directory, "tongyuan-assets"), { recursive: true });
    expect(stored.some((name) => String(name).includes(asset.sha256))).toBe(true);
  });
});
