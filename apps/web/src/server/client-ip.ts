// The address a request came from, for per-IP limits. Route handlers never see the socket: `next start` fills
// X-Forwarded-For with the socket's address only when the request brought none (`??=` in Next's
// base-server), and never appends. So the header is all there is, and who wrote each entry depends on the
// proxies in front:
// - TRUST_PROXY_HOPS=0 (no proxy): the rightmost entry, Next's own when the client sent none. A client that
//   sends the header picks its own key; the per-phone and per-address limits still hold. Expose the app
//   through a proxy in production.
// - TRUST_PROXY_HOPS=n: n proxies each append the address they received from; the client is the n-th entry
//   from the right, and anything to its left was written by the client and is ignored.

/** The client's address per the trusted proxy count; "unknown" when the request carries none. */
export function clientIp(headers: Headers, trustProxyHops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  // With fewer entries than proxies, the leftmost is the closest thing to the client we have.
  const fromRight = Math.min(Math.max(trustProxyHops, 1), entries.length);
  return entries[entries.length - fromRight] ?? "unknown";
}
