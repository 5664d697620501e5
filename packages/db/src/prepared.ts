// Named (prepared) statements for the app's hottest raw SQL. PostgreSQL parses, rewrites and plans an unnamed
// statement on every call; for placement's single statement (a dozen CTEs) that planning cost about as much as
// executing it (measured: 1–2.5 ms of planning per order on the bench machine). A named statement is parsed once
// per connection and, after five calls, runs a cached generic plan.
//
// Only statements that opt in by starting with a `/* nitip:<what> */` marker are named, and each of them must be
// FIXED text (every variable part a $n parameter): node-postgres keeps each name per connection for the
// connection's life, so an interpolated value would grow that cache without bound. The name is derived from the
// text, so two texts can never share a name (pg refuses that).
import { createHash } from "node:crypto";

const marker = "/* nitip:";

/** The prepared-statement name for `sql`, or undefined (unnamed, planned per call) when it has no marker. */
export function preparedStatementName(sql: string): string | undefined {
  if (!sql.startsWith(marker)) return undefined;
  return `nitip_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
}
