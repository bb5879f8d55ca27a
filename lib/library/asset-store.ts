import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getEnv } from "@/lib/env";

// Where asset bytes live. Keys are content hashes, so writing the same file twice is harmless.
// Local directory by default; any S3-compatible store (MinIO, Ceph, cloud object storage) with
// ASSET_STORE=s3, through the official AWS SDK client.

export type AssetStore = {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
};

export function createLocalStore(root: string): AssetStore {
  const file = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    async put(key, bytes) {
      const target = file(key);
      if (existsSync(target)) return;
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Write aside, then rename: a reader never sees half a file.
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, target);
    },
    get: (key) => fs.readFile(file(key)),
  };
}

export function createS3Store(options: {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}): AssetStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: Boolean(options.endpoint),
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  return {
    async put(key, bytes, contentType) {
      const exists = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key })).then(
        () => true,
        () => false,
      );
      if (!exists)
        await client.send(
          new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: bytes, ContentType: contentType }),
        );
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
  };
}

let store: AssetStore | undefined;

export function getAssetStore(): AssetStore {
  if (store) return store;
  const env = getEnv();
  store =
    env.ASSET_STORE === "s3"
      ? createS3Store({
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          bucket: env.S3_BUCKET!,
          accessKeyId: env.S3_ACCESS_KEY_ID!,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        })
      : createLocalStore(env.assetDir);
  return store;
}
