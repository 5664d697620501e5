import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import {
  checkProofFile,
  createLocalProofStorage,
  generateOrderCode,
  issueOrderAccessToken,
  parseOrderCode,
  resolveOrderAccessToken,
  revokeOrderAccess,
  submitDownPaymentProof,
} from "../src/index.ts";
import { createHostWithTrip, files, orderIn } from "./fixtures.ts";

const db = useTestDatabase();

/** The same token with its last character changed (to a different one, whatever it was). */
function tamperedToken(token: string): string {
  return `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
}

describe("magic-link tokens", () => {
  it("resolve to their own order only; wrong, expired and revoked fail identically", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma);
    const a = await orderIn(db.prisma, trip.id, products[0]?.id ?? "", "pending_dp");
    const b = await orderIn(db.prisma, trip.id, products[0]?.id ?? "", "pending_dp");
    expect(await resolveOrderAccessToken(db.prisma, a.token)).toEqual({ orderId: a.id });
    expect(await resolveOrderAccessToken(db.prisma, b.token)).toEqual({ orderId: b.id });
    const used = await db.prisma.guestAccessToken.findFirstOrThrow({ where: { orderId: a.id } });
    expect(used.lastUsedAt).not.toBeNull();

    const expired = await issueOrderAccessToken(db.prisma, a.id, { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await issueOrderAccessToken(db.prisma, b.id);
    await revokeOrderAccess(db.prisma, b.id);
    const errors = await Promise.all(
      [expired.token, revoked.token, b.token, tamperedToken(a.token), "nonsense"].map((t) =>
        resolveOrderAccessToken(db.prisma, t).catch((e: Error & { code: string }) => [e.code, e.message]),
      ),
    );
    expect(new Set(errors.map((e) => JSON.stringify(e))).size).toBe(1);
    expect(errors[0]).toEqual(["NOT_FOUND", expect.stringContaining("not valid")]);
    // Re-issued after revocation: works again.
    const fresh = await issueOrderAccessToken(db.prisma, b.id);
    expect(await resolveOrderAccessToken(db.prisma, fresh.token)).toEqual({ orderId: b.id });
  });
});

describe("order codes", () => {
  it("verify their check character and normalise what people type", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateOrderCode();
      expect(parseOrderCode(code.toLowerCase().replaceAll("-", " "))).toBe(code);
      const body = code.slice(4, 10);
      const typo = `NTP-${body[1]}${body[0]}${body.slice(2)}-${code.at(-1)}`;
      if (body[0] !== body[1]) expect(() => parseOrderCode(typo)).toThrow(/not a valid order code/);
    }
  });
});

describe("proof files", () => {
  it("accepts JPEG, PNG and PDF by content, and refuses others with a message that says what to do", async () => {
    expect((await checkProofFile(files.png)).mime).toBe("image/png");
    expect((await checkProofFile(files.jpeg)).mime).toBe("image/jpeg");
    expect((await checkProofFile(files.pdf)).mime).toBe("application/pdf");
    await expect(checkProofFile(files.gif)).rejects.toMatchObject({
      code: "UNSUPPORTED_FILE",
      message: "This file is a GIF image; upload a JPEG, PNG, WebP or PDF.",
    });
    await expect(checkProofFile(files.text)).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
    const big = new Uint8Array(Math.round(7.2 * 1024 * 1024));
    big.set(files.png);
    await expect(checkProofFile(big)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "File is 7.2 MB; the limit is 5 MB.",
    });
  });

  it("a refused upload changes no order and leaves no file; an accepted one is stored under a server key", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "nitip-proofs-"));
    const storage = createLocalProofStorage({ directory });
    const { trip, products } = await createHostWithTrip(db.prisma);
    const order = await orderIn(db.prisma, trip.id, products[0]?.id ?? "", "pending_dp");
    await expect(
      submitDownPaymentProof(db.prisma, storage, { orderId: order.id, file: files.gif }),
    ).rejects.toMatchObject({
      code: "UNSUPPORTED_FILE",
    });
    expect(await readdir(directory)).toEqual([]);
    await submitDownPaymentProof(db.prisma, storage, { orderId: order.id, file: files.png });
    const stored = await readdir(path.join(directory, "proofs", order.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f-]{36}\.png$/);
  });
});
