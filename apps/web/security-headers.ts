// The headers sent with every response, built from the environment when `next build` / `next start` load
// next.config.ts (tested in test/security-headers.test.ts).
//
// The Content-Security-Policy is static, not a per-request nonce: a nonce (set in proxy.ts) forces every page
// to render dynamically and never be cached, while a static header keeps trip pages cacheable. The price:
// Next's App Router bootstraps with inline scripts (`self.__next_f.push`), so script-src needs
// 'unsafe-inline'. Scripts from any other origin, plugins, framing, <base> and foreign form targets stay
// blocked, and images load only from this site and IMAGE_ORIGINS.

export interface HeaderOptions {
  production: boolean;
  /** https origins product images may come from (IMAGE_ORIGINS, comma-separated). */
  imageOrigins: string[];
  /** The site's own base URL; upgrade-insecure-requests only when it is https. */
  appBaseUrl: string;
}

/** Parses IMAGE_ORIGINS; throws a message naming the bad entry. */
export function parseImageOrigins(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = URL.parse(entry);
      if (url?.protocol !== "https:" || url.origin !== entry.replace(/\/$/, "")) {
        throw new Error(`IMAGE_ORIGINS: "${entry}" is not an https origin like https://images.example.com`);
      }
      return url.origin;
    });
}

export function contentSecurityPolicy(options: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    // data:/blob: for payment proofs shown from the bytes the host fetched.
    ["img-src 'self' data: blob:", ...options.imageOrigins].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.appBaseUrl.startsWith("https:")) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

// The guest magic links carry tokens in their URLs, so no page may leak its address to another site through
// the Referer header.
export function securityHeaders(options: HeaderOptions): { key: string; value: string }[] {
  const always = [
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
  // Development keeps neither: React's dev build needs eval, and HSTS on localhost outlives the session.
  if (!options.production) return always;
  return [
    ...always,
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  ];
}
