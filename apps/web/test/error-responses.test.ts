// What a client sees over HTTP when a procedure fails: domain errors keep their actionable message and code;
// unexpected failures say nothing about internals, only a reference to the logged request.
import { createDatabase } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter } from "../src/server/api/root";
import { createTRPCContext } from "../src/server/api/trpc";

const db = useTestDatabase();

async function getTripOverHttp(database: Parameters<typeof createTRPCContext>[0]["db"], slug: string) {
  const input = encodeURIComponent(JSON.stringify({ json: { slug } }));
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/trip.bySlug?input=${input}`),
    router: appRouter,
    createContext: () => createTRPCContext({ db: database, requestId: "req-123" }),
  });
  const body = (await response.json()) as {
    error: { json: { message: string; data: Record<string, unknown> } };
  };
  return { status: response.status, error: body.error.json };
}

describe("error responses over HTTP", () => {
  it("a domain error keeps its message and code", async () => {
    const { status, error } = await getTripOverHttp(db.prisma, "tidak-ada");
    expect(status).toBe(404);
    expect(error.message).toBe("No open trip is published at /t/tidak-ada.");
    expect(error.data.domainCode).toBe("NOT_FOUND");
  });

  it("an unexpected failure hides its internals and names the request", async () => {
    // A client whose pool is closed fails the way a lost database does.
    const broken = createDatabase(db.url, { max: 1 });
    await broken.close();
    const { status, error } = await getTripOverHttp(broken.prisma, "tokyo");
    expect(status).toBe(500);
    expect(error.message).toBe(
      "Something went wrong on our side. Please try again; if it keeps happening, quote reference req-123.",
    );
    expect(JSON.stringify(error)).not.toMatch(/pool|prisma|postgres/i);
  });
});
