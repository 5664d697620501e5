// The production headers: a CSP that allows this site and the configured image origins only, and HSTS.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, parseImageOrigins, securityHeaders } from "../security-headers";

const production = {
  production: true,
  imageOrigins: ["https://img.nitip.id"],
  appBaseUrl: "https://nitip.id",
};
const headerValue = (key: string, headers: { key: string; value: string }[]) =>
  headers.find((header) => header.key === key)?.value;

describe("security headers", () => {
  it("in production carry a CSP and HSTS next to the existing headers", () => {
    const headers = securityHeaders(production);
    expect(headerValue("Strict-Transport-Security", headers)).toBe("max-age=63072000; includeSubDomains");
    expect(headerValue("Referrer-Policy", headers)).toBe("no-referrer");
    const csp = headerValue("Content-Security-Policy", headers) ?? "";
    const directive = (name: string) => csp.split("; ").find((part) => part.startsWith(`${name} `));
    expect(directive("default-src")).toBe("default-src 'self'");
    expect(directive("img-src")).toBe("img-src 'self' data: blob: https://img.nitip.id");
    expect(directive("script-src")).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("do not upgrade requests on a plain-http site, and leave development without CSP or HSTS", () => {
    expect(contentSecurityPolicy({ ...production, appBaseUrl: "http://localhost:3000" })).not.toContain(
      "upgrade-insecure-requests",
    );
    const development = securityHeaders({ ...production, production: false });
    expect(headerValue("Content-Security-Policy", development)).toBeUndefined();
    expect(headerValue("Strict-Transport-Security", development)).toBeUndefined();
  });

  it("take image origins only as https origins", () => {
    expect(parseImageOrigins(" https://a.example.com, https://b.example.com/ ")).toEqual([
      "https://a.example.com",
      "https://b.example.com",
    ]);
    expect(parseImageOrigins(undefined)).toEqual([]);
    expect(() => parseImageOrigins("http://a.example.com")).toThrow(
      'IMAGE_ORIGINS: "http://a.example.com" is not an https origin like https://images.example.com',
    );
    expect(() => parseImageOrigins("https://a.example.com/path")).toThrow("not an https origin");
    expect(() => parseImageOrigins("*")).toThrow("not an https origin");
  });
});
