// Limits on a tRPC request checked before tRPC sees it: how many calls one request may batch, and how many
// bytes its body may have. The body is counted as it streams in and abandoned past the limit, so an attacker's
// 1 GB body costs at most the limit in memory, never the whole of it.
import { maxProofBytes } from "@nitip/core";

/** The browser client batches at most this many calls too (`maxItems` in src/trpc/react.tsx). */
export const maxBatchSize = 10;
export const maxBodyBytes = 256 * 1024;

// The host's refund proof travels as base64 inside the JSON body: 4/3 of the file limit, plus room for the
// rest of the call. (Guests' proofs go to the multipart route, server/guest-proof-upload.ts.)
const uploadBodyBytes = Math.ceil(maxProofBytes / 3) * 4 + 64 * 1024;
const uploadPaths = new Set(["hostOrder.recordRefund"]);

const inWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;

function refuse(status: 400 | 413, message: string): Response {
  return Response.json({ error: { message } }, { status, headers: { "Cache-Control": "no-store" } });
}

function callPaths(url: URL): string[] {
  const path = decodeURIComponent(url.pathname.replace(/^\/api\/trpc\/?/, ""));
  return url.searchParams.get("batch") === "1" ? path.split(",") : [path];
}

/** Reads at most `limit` bytes of the body; null when it is longer. */
async function readBounded(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The request to hand to tRPC (its body already read and bounded), or the refusal to send instead. */
export async function limitTrpcRequest(req: Request): Promise<Request | Response> {
  const paths = callPaths(new URL(req.url));
  if (paths.length > maxBatchSize) {
    return refuse(400, `A request may batch at most ${maxBatchSize} calls; this one has ${paths.length}.`);
  }
  if (!req.body) return req;
  const limit = paths.some((path) => uploadPaths.has(path)) ? uploadBodyBytes : maxBodyBytes;
  const tooLarge = () =>
    refuse(413, `The request is larger than ${inWords(limit)}. Send less text, or a smaller file.`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge();
  const body = await readBounded(req.body, limit);
  if (!body) return tooLarge();
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
