import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { parseImageOrigins, securityHeaders } from "./security-headers";

const imageOrigins = parseImageOrigins(process.env.IMAGE_ORIGINS);
const headers = securityHeaders({
  production: process.env.NODE_ENV === "production",
  imageOrigins,
  appBaseUrl: process.env.APP_BASE_URL ?? "http://localhost:3000",
});

const config: NextConfig = {
  poweredByHeader: false,
  // The internal packages export TypeScript source (with `.ts` import extensions); Next compiles them.
  transpilePackages: ["@nitip/core", "@nitip/db", "@nitip/jobs"],
  async headers() {
    return [{ source: "/:path*", headers }];
  },
  // Product images through next/image only from the same allowed origins as the CSP's img-src.
  images: { remotePatterns: imageOrigins.map((origin) => new URL(`${origin}/**`)) },
};

// next-intl: messages and locale per request from src/i18n/request.ts (cookie-based, no locale in URLs).
export default createNextIntlPlugin("./src/i18n/request.ts")(config);
