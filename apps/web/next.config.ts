import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Sent with every response. The guest magic links carry tokens in their URLs, so no page may leak its
// address to another site through the Referer header.
const securityHeaders = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // The internal packages export TypeScript source (with `.ts` import extensions); Next compiles them.
  transpilePackages: ["@nitip/core", "@nitip/db", "@nitip/jobs"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// next-intl: messages and locale per request from src/i18n/request.ts (cookie-based, no locale in URLs).
export default createNextIntlPlugin("./src/i18n/request.ts")(config);
