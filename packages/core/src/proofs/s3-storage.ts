// Proofs in any S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Supabase Storage), signed with
// aws4fetch. Objects are private; the bucket must not allow public reads.
import { AwsClient } from "aws4fetch";
import { assertProofKey, type ProofStorage } from "./storage.ts";

export interface S3ProofStorageOptions {
  /** e.g. https://<account>.r2.cloudflarestorage.com or http://127.0.0.1:9000 (path-style addressing). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
}

export function createS3ProofStorage(options: S3ProofStorageOptions): ProofStorage {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region ?? "auto",
    service: "s3",
  });
  const urlFor = (key: string) => {
    assertProofKey(key);
    return `${options.endpoint.replace(/\/$/, "")}/${encodeURIComponent(options.bucket)}/${key}`;
  };
  return {
    async put(key, bytes, mime) {
      const response = await client.fetch(urlFor(key), {
        method: "PUT",
        body: new Uint8Array(bytes),
        headers: { "content-type": mime, "content-length": String(bytes.byteLength) },
      });
      if (!response.ok) throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
    },
    async get(key) {
      const response = await client.fetch(urlFor(key));
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`S3 GET ${key} failed: ${response.status}`);
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        mime: response.headers.get("content-type") ?? "",
      };
    },
    async delete(key) {
      const response = await client.fetch(urlFor(key), { method: "DELETE" });
      if (!response.ok && response.status !== 404)
        throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
    },
  };
}
