// The guest's proof upload route (multipart) on a real database and a real disk: who may upload, which
// files are taken, how big a body may be (counted while it streams), and that a refusal stores nothing.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalProofStorage } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../src/server/api/root";
import { createTRPCContext } from "../src/server/api/trpc";
import { guestCookieFor, landOnOrderLink } from "../src/server/guest-access";
import { maxUploadBodyBytes, uploadGuestProof } from "../src/server/guest-proof-upload";
import { createRateLimits, type RateLimitName, rateLimitNames } from "../src/server/rate-limit";
import { createOpenTrip, placeInput, uploadProofOverHttp } from "./helpers";

const db = useTestDatabase({ max: 10 });
let storage: ReturnType<typeof createLocalProofStorage>;
let trip: Awaited<ReturnType<typeof createOpenTrip>>;

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
/** The first bytes of an iPhone photo: an ISO-BMFF `ftyp` box with the HEIC brand. */
const heic = (brand: string) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from(`ftyp${brand}\0\0\0\0mif1heic`, "latin1"),
    Buffer.alloc(64),
  ]);

beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-upload-")) });
  trip = await createOpenTrip(db.prisma, "upload");
});

async function placedAndOpened() {
  const placed = await createCaller(createTRPCContext({ db: db.prisma, storage })).order.place(
    placeInput(trip),
  );
  const landed = await landOnOrderLink({
    db: db.prisma,
    token: placed.token,
    headers: new Headers(),
    appBaseUrl: "http://localhost:3000",
  });
  return { placed, cookie: landed.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

async function storedFiles(orderId: string): Promise<string[]> {
  return readdir(path.join(storage.directory, "proofs", orderId)).catch(() => []);
}

const upload = (cookie: string, orderCode: string, file: Uint8Array) =>
  uploadProofOverHttp({ db: db.prisma, storage, cookie, orderCode, file });

describe("POST /api/orders/<code>/proofs", () => {
  it("takes a PNG as the DP proof, once", async () => {
    const { placed, cookie } = await placedAndOpened();
    const dp = await upload(cookie, placed.order.code, png);
    expect(dp).toMatchObject({ status: 201, body: { status: "awaiting_validation" } });
    expect(await storedFiles(placed.order.id)).toHaveLength(1);
    // A second DP proof: the order no longer waits for one; the answer says so and stores nothing.
    const again = await upload(cookie, placed.order.code, png);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/awaiting validation cannot receive/);
    expect(await storedFiles(placed.order.id)).toHaveLength(1);
  });

  it("refuses GIF and HEIC by their bytes, saying what to do, and stores nothing", async () => {
    const { placed, cookie } = await placedAndOpened();
    const asGif = await upload(cookie, placed.order.code, gif);
    expect(asGif).toMatchObject({
      status: 415,
      body: { error: { message: "This file is a GIF image; upload a JPEG, PNG, WebP or PDF." } },
    });
    for (const brand of ["heic", "mif1", "heix"]) {
      const asHeic = await uploadProofOverHttp({
        db: db.prisma,
        storage,
        cookie,
        orderCode: placed.order.code,
        file: heic(brand),
        fileName: "IMG_0001.jpg", // the name lies; the bytes decide
      });
      expect(asHeic.status, brand).toBe(415);
      expect(asHeic.body.error?.message).toContain("HEIC/HEIF");
      expect(asHeic.body.error?.message).toContain("screenshot");
      expect(asHeic.body.error?.message).toContain("Most Compatible");
    }
    const empty = await upload(cookie, placed.order.code, new Uint8Array());
    expect(empty.status).toBe(400);
    expect(await db.prisma.payment.count({ where: { orderId: placed.order.id } })).toBe(0);
    expect(await storedFiles(placed.order.id)).toEqual([]);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } })).status).toBe(
      "pending_dp",
    );
  });

  it("refuses a file over 5 MB with its size in words", async () => {
    const { placed, cookie } = await placedAndOpened();
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const answer = await upload(cookie, placed.order.code, big);
    expect(answer.status).toBe(413);
    expect(answer.body.error?.message).toContain("the limit is 5 MB");
    expect(await storedFiles(placed.order.id)).toEqual([]);
  });

  it("stops reading a huge body at the limit, without a Content-Length to trust", async () => {
    const { placed, cookie } = await placedAndOpened();
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
        if (pulled > 100 * 1024 * 1024) controller.close(); // a safety stop far past the limit
      },
    });
    const request = new Request(`http://localhost/api/orders/${placed.order.code}/proofs`, {
      method: "POST",
      headers: { cookie, "content-type": "multipart/form-data; boundary=xyz" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await uploadGuestProof({
      db: db.prisma,
      storage,
      request,
      orderCode: placed.order.code,
      guestCookie: guestCookieFor("http://localhost:3000"),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("5 MB");
    expect(pulled).toBeLessThanOrEqual(maxUploadBodyBytes + 4 * chunk.byteLength);
  });

  it("asks for multipart with a `file` field", async () => {
    const { placed, cookie } = await placedAndOpened();
    const asJson = await uploadGuestProof({
      db: db.prisma,
      storage,
      request: new Request("http://localhost/x", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ fileBase64: png.toString("base64") }),
      }),
      orderCode: placed.order.code,
      guestCookie: guestCookieFor("http://localhost:3000"),
    });
    expect(asJson.status).toBe(415);
    const form = new FormData();
    form.set("photo", new Blob([png]), "bukti.png");
    const wrongField = await uploadGuestProof({
      db: db.prisma,
      storage,
      request: new Request("http://localhost/x", { method: "POST", headers: { cookie }, body: form }),
      orderCode: placed.order.code,
      guestCookie: guestCookieFor("http://localhost:3000"),
    });
    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as { error: { message: string } }).error.message).toContain("`file`");
  });

  it("refuses another guest's browser, no cookie and a bad code, and stores nothing", async () => {
    const a = await placedAndOpened();
    const b = await placedAndOpened();
    const wrongCookie = await upload(b.cookie, a.placed.order.code, png);
    expect(wrongCookie.status).toBe(401);
    expect(wrongCookie.body.error?.message).toBe("Open the link from your order message to see this order.");
    expect((await upload("", a.placed.order.code, png)).status).toBe(401);
    expect((await upload(`nitip_orders=${a.placed.token}`, a.placed.order.code, png)).status).toBe(401);
    const badCode = await upload(a.cookie, "NTP-XXXXXX-X", png);
    expect(badCode.status).toBe(400);
    expect(badCode.body.error?.message).toContain("not a valid order code");
    expect(await db.prisma.payment.count({ where: { orderId: a.placed.order.id } })).toBe(0);
    expect(await storedFiles(a.placed.order.id)).toEqual([]);
  });

  it("counts uploads against the order-link limit per client address", async () => {
    const { placed, cookie } = await placedAndOpened();
    const limits = Object.fromEntries(
      rateLimitNames.map((name) => [
        name,
        { points: name === "tokenLookupPerIp" ? 2 : 1000, durationSeconds: 60 },
      ]),
    ) as Record<RateLimitName, { points: number; durationSeconds: number }>;
    const rateLimits = createRateLimits(db.pool, { limits, trustProxyHops: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await uploadProofOverHttp({
            db: db.prisma,
            storage,
            cookie,
            orderCode: placed.order.code,
            file: gif,
            rateLimits,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([415, 415, 429]);
  });
});
