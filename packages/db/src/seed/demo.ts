// Demo data for `pnpm dev` and the browser tests: a host with a bank account, an admin, and one open trip
// with limited, unlimited and sold-out products. Idempotent: running it again changes nothing.
import type { Db } from "../client.ts";

export const demo = {
  hostEmail: "host@nitip.test",
  adminEmail: "admin@nitip.test",
  hostSlug: "rina-jastip",
  tripSlug: "tokyo-des-2026",
} as const;

const day = 24 * 60 * 60 * 1000;

export async function seedDemoData(prisma: Db): Promise<{ tripSlug: string }> {
  await prisma.user.upsert({
    where: { email: demo.adminEmail },
    update: {},
    create: { email: demo.adminEmail, name: "Admin Nitip", role: "admin" },
  });
  const host = await prisma.user.upsert({
    where: { email: demo.hostEmail },
    update: {},
    create: {
      email: demo.hostEmail,
      name: "Rina Wulandari",
      host: {
        create: {
          displayName: "Rina Jastip",
          slug: demo.hostSlug,
          whatsappNumber: "+6281234567890",
          originCity: "Jakarta",
          bankAccounts: {
            create: {
              bankName: "BCA",
              accountNumber: "1234567890",
              accountHolder: "Rina Wulandari",
              isPrimary: true,
            },
          },
        },
      },
    },
    include: { host: true },
  });
  if (!host.host)
    throw new Error(`${demo.hostEmail} exists without a host profile; remove it and seed again.`);

  const existing = await prisma.trip.findUnique({ where: { slug: demo.tripSlug }, select: { id: true } });
  if (existing) return { tripSlug: demo.tripSlug };

  const now = Date.now();
  // Two weeks out, at 23:59 WIB (UTC+7), the way hosts announce a closing time.
  const orderDeadline = new Date(now + 14 * day);
  orderDeadline.setUTCHours(16, 59, 0, 0);
  await prisma.trip.create({
    data: {
      hostId: host.host.id,
      slug: demo.tripSlug,
      title: "Jastip Tokyo Desember 2026",
      destination: "Tokyo, Jepang",
      startsOn: new Date("2026-12-01"),
      endsOn: new Date("2026-12-10"),
      // Relative to seeding, so a fresh demo database always has a trip that takes orders.
      orderDeadline,
      status: "open",
      paymentType: "dp",
      publishedAt: new Date(now),
      products: {
        create: [
          {
            name: "Tokyo Banana Original (8 pcs)",
            price: 125_000,
            stockAvailable: 20,
            maxPerOrder: 4,
            sortOrder: 1,
          },
          { name: "Kit Kat Matcha (12 pcs)", price: 95_000, stockAvailable: null, sortOrder: 2 },
          {
            name: "Royce Nama Chocolate Au Lait",
            description: "Disimpan dingin, dikirim dengan ice pack.",
            price: 185_000,
            stockAvailable: 6,
            maxPerOrder: 2,
            sortOrder: 3,
          },
          { name: "Shiseido Anessa Perfect UV 60 ml", price: 310_000, stockAvailable: 0, sortOrder: 4 },
        ],
      },
    },
  });
  return { tripSlug: demo.tripSlug };
}
