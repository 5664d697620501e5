// The web log never carries a guest's phone number, email address or magic-link token, even when PostgreSQL
// quotes them back in an error. A trigger stands in for any failure whose text repeats the row.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTRPCContext } from "../src/server/api/trpc";
import { callOverHttp, createOpenTrip, placeInput } from "./helpers";

const db = useTestDatabase({ max: 4 });
let trip: { tripSlug: string; productId: string };

beforeAll(async () => {
  trip = await createOpenTrip(db.prisma, "redact");
  await db.pool.query(`
    create function refuse_order() returns trigger language plpgsql as $$
    begin
      raise exception 'refused order for % <%> via /o/%', new.guest_phone, new.guest_email,
        'q3v9Xk2LmN8pR4sT6uW0yZ1aB5cD7eF9gH2jK4mN6pQ';
    end $$;
    create trigger refuse_order before insert on orders for each row execute function refuse_order();
  `);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("web error logs", () => {
  it("are redacted of phones, emails and tokens", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "),
      );
    });
    const answer = await callOverHttp(
      () => createTRPCContext({ db: db.prisma, requestId: "req-redact" }),
      "order.place",
      placeInput(trip, { phone: "0812-7777-8888", email: "ani.wijaya@example.com" }),
    );
    expect(answer.status).toBe(500);
    const log = lines.join("\n");
    expect(log).toContain("req-redact"); // the failure was logged ...
    expect(log).toContain("refused order for [phone] <[email]> via /o/[token]"); // ... with the data masked
    expect(log).not.toMatch(/6281277778888|7777|ani\.wijaya|example\.com|q3v9Xk2L/);
  });
});
