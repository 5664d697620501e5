// trip.bySlug and trip.publish through the real router, a real context and a real PostgreSQL database.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../src/server/api/root";
import { createTRPCContext, type SessionUser } from "../src/server/api/trpc";

const db = useTestDatabase();

function callerAs(user: SessionUser | null = null) {
  return createCaller(createTRPCContext({ db: db.prisma, user }));
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

let hostUserId = "";
let draftTripId = "";

beforeAll(async () => {
  const user = await db.prisma.user.create({
    data: {
      email: "sari@example.test",
      host: {
        create: {
          displayName: "Sari Titip",
          slug: "sari-titip",
          whatsappNumber: "+6281111111111",
          originCity: "Bandung",
          bankAccounts: {
            create: {
              bankName: "Mandiri",
              accountNumber: "1300012345",
              accountHolder: "Sari",
              isPrimary: true,
            },
          },
        },
      },
    },
    include: { host: true },
  });
  if (!user.host) throw new Error("fixture: host profile not created");
  hostUserId = user.id;
  const base = {
    hostId: user.host.id,
    destination: "Seoul, Korea Selatan",
    startsOn: new Date("2026-12-05"),
    endsOn: new Date("2026-12-12"),
    orderDeadline: new Date("2026-12-01T16:59:00Z"),
  };
  await db.prisma.trip.create({
    data: {
      ...base,
      slug: "seoul-des-2026",
      title: "Jastip Seoul Desember",
      status: "open",
      products: {
        create: [
          { name: "Honey Butter Chips", price: 45_000, stockAvailable: null, sortOrder: 2 },
          { name: "COSRX Snail Mucin", price: 210_000, stockAvailable: 3, maxPerOrder: 1, sortOrder: 1 },
          { name: "Hidden sample", price: 1_000, status: "hidden", sortOrder: 0 },
        ],
      },
    },
  });
  const draft = await db.prisma.trip.create({
    // A draft can only be opened before its order deadline.
    data: {
      ...base,
      slug: "seoul-draft",
      title: "Belum dibuka",
      orderDeadline: new Date(Date.now() + 86_400_000),
    },
  });
  draftTripId = draft.id;
  await db.prisma.trip.create({
    data: { ...base, slug: "seoul-batal", title: "Dibatalkan", status: "cancelled" },
  });
});

describe("trip.bySlug", () => {
  it("returns the open trip with its host and its active products in the host's order", async () => {
    const trip = await callerAs().trip.bySlug({ slug: "seoul-des-2026" });
    expect(trip).toMatchObject({
      slug: "seoul-des-2026",
      title: "Jastip Seoul Desember",
      destination: "Seoul, Korea Selatan",
      status: "open",
      paymentType: "dp",
      host: { displayName: "Sari Titip", slug: "sari-titip", originCity: "Bandung" },
    });
    // What a guest needs to transfer, and nothing else about the account (no ids).
    expect(trip.host.bankAccounts).toEqual([
      { bankName: "Mandiri", accountNumber: "1300012345", accountHolder: "Sari", isPrimary: true },
    ]);
    expect(trip.startsOn).toEqual(new Date("2026-12-05"));
    expect(trip.orderDeadline).toEqual(new Date("2026-12-01T16:59:00Z"));
    expect(trip.products.map((p) => [p.name, p.price, p.stockAvailable, p.maxPerOrder])).toEqual([
      ["COSRX Snail Mucin", 210_000, 3, 1],
      ["Honey Butter Chips", 45_000, null, null],
    ]);
  });

  it("answers NOT_FOUND, naming the link, for an unknown slug", async () => {
    const error = await rejection(callerAs().trip.bySlug({ slug: "tidak-ada" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("No open trip is published at /t/tidak-ada.");
  });

  it.each(["seoul-draft", "seoul-batal"])("hides a %s trip as NOT_FOUND", async (slug) => {
    const error = await rejection(callerAs().trip.bySlug({ slug }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("refuses a slug that cannot exist as BAD_REQUEST", async () => {
    const error = await rejection(callerAs().trip.bySlug({ slug: "Seoul Des" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("trip.publish", () => {
  it("answers UNAUTHORIZED without a signed-in user and changes nothing", async () => {
    const error = await rejection(callerAs(null).trip.publish({ tripId: draftTripId }));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toBe("Sign in to continue.");
    const trip = await db.prisma.trip.findUniqueOrThrow({ where: { id: draftTripId } });
    expect(trip.status).toBe("draft");
    const jobs = await db.prisma.$queryRaw<{ count: bigint }[]>`select count(*) from graphile_worker.jobs`;
    expect(jobs[0]?.count).toBe(0n);
  });

  it("opens the host's own draft trip and enqueues one trip:published job", async () => {
    const trip = await callerAs({ id: hostUserId, role: "host" }).trip.publish({ tripId: draftTripId });
    expect(trip.status).toBe("open");
    const jobs = await db.prisma.$queryRaw<{ task_identifier: string }[]>`
      select task_identifier from graphile_worker.jobs`;
    expect(jobs).toEqual([{ task_identifier: "trip:published" }]);
  });
});
