// pnpm --filter @nitip/db seed: the demo data, into DATABASE_URL.
import { createDatabase } from "../client.ts";
import { seedDemoData } from "./demo.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to seed.");
  process.exit(1);
}
const database = createDatabase(url, { max: 2 });
try {
  const { tripSlug } = await seedDemoData(database.prisma);
  console.warn(`Seeded demo data; trip page at /t/${tripSlug}`);
} finally {
  await database.close();
}
