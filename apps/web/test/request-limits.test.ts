// What the tRPC endpoint refuses before any procedure runs: oversized batches, and bodies past the limit,
// counted as they stream in (an endless body is cut, not buffered). And the proof upload's base64 bound.
import { maxProofBytes } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { handleTrpcRequest } from "../src/server/api/http";
import { maxBodyBytes } from "../src/server/api/request-limits";
import { maxProofBase64Length, ZProofFileSchema } from "../src/server/api/routers/order.schema";
import { createTRPCContext } from "../src/server/api/trpc";

const db = useTestDatabase({ max: 4 });
const context = () => createTRPCContext({ db: db.prisma });

/** A 32 MB body (endless, as far as a 256 KB limit can tell), counting the chunks it was asked for. */
function endlessBody(chunkBytes = 16 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      state.pulled++;
      if (state.pulled * chunkBytes > 32 * 1024 * 1024) return controller.close();
      await new Promise((resolve) => setImmediate(resolve)); // a network's pace: timers still fire
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  return { stream, state };
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("batch size", () => {
  it("answers up to 10 calls in one request and refuses 11 in words", async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "trip.bySlug").join(",");
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { slug: "none" } }]));
      return new Request(
        `http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      );
    };
    const ten = await handleTrpcRequest(batch(10), context);
    expect(((await ten.json()) as unknown[]).length).toBe(10);
    const many = await handleTrpcRequest(batch(200), context);
    expect(many.status).toBe(400);
    expect(await many.json()).toEqual({
      error: { message: "A request may batch at most 10 calls; this one has 200." },
    });
  });
});

describe("body size", () => {
  it("refuses a declared Content-Length over 256 KB without reading the body", async () => {
    const { stream, state } = endlessBody();
    const response = await within(
      5_000,
      handleTrpcRequest(
        new Request("http://localhost/api/trpc/order.place", {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(maxBodyBytes + 1) },
          body: stream,
          duplex: "half",
        } as RequestInit),
        context,
      ),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { message: "The request is larger than 256 KB. Send less text, or a smaller file." },
    });
    expect(state.pulled).toBeLessThanOrEqual(2); // what the stream pre-fills, nothing more
  });

  it("cuts an endless body without a Content-Length at the limit", async () => {
    const { stream, state } = endlessBody();
    const response = await within(
      5_000,
      handleTrpcRequest(
        new Request("http://localhost/api/trpc/order.place", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: stream,
          duplex: "half",
        } as RequestInit),
        context,
      ),
    );
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(maxBodyBytes / (16 * 1024) + 3);
  });

  it("lets a refund proof upload carry a 5 MB file, and still answers small bodies normally", async () => {
    const upload = JSON.stringify({
      json: {
        orderId: "00000000-0000-4000-8000-000000000000",
        proofBase64: "A".repeat(maxProofBase64Length),
      },
    });
    const response = await handleTrpcRequest(
      new Request("http://localhost/api/trpc/hostOrder.recordRefund", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: upload,
      }),
      context,
    );
    expect(response.status).toBe(401); // past the size check: nobody is signed in
  });
});

describe("proof base64 bound", () => {
  it("is 4/3 of the file limit: a 5 MB file fits, one more base64 group does not", () => {
    const fits = Buffer.alloc(maxProofBytes).toString("base64");
    expect(fits.length).toBe(maxProofBase64Length);
    expect(ZProofFileSchema.safeParse(fits).success).toBe(true);
    const over = ZProofFileSchema.safeParse(`${fits}AAAA`);
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe("File is just over the 5 MB limit.");
    const big = ZProofFileSchema.safeParse(Buffer.alloc(Math.round(7.2 * 1024 * 1024)).toString("base64"));
    expect(big.error?.issues[0]?.message).toBe("File is 7.2 MB; the limit is 5 MB.");
  });
});
