// The guest's side of magic links in the browser. `/o/<token>` swaps the link for a browser credential (its
// own secret, only its hash stored, see core's tokens/access.ts) and redirects to the order's clean URL. The
// browser keeps the credentials of its orders, newest first, in ONE httpOnly cookie, so opening a second
// order's link keeps the first; `__Host-` prefixed and Secure when the app is served over https.
import {
  browserCredentialTtlDays,
  exchangeOrderLink,
  isDomainError,
  parseOrderCode,
  resolveBrowserCredentials,
} from "@nitip/core";
import type { Db } from "@nitip/db";

/** The cookie keeps the most recent orders; older ones fall out (their links still open them again). */
export const maxOrdersPerBrowser = 20;

export interface GuestCookie {
  name: string;
  secure: boolean;
}

export function guestCookieFor(appBaseUrl: string): GuestCookie {
  const secure = new URL(appBaseUrl).protocol === "https:";
  return { name: secure ? "__Host-nitip_orders" : "nitip_orders", secure };
}

/** The browser credentials in the request's cookie (base64url secrets joined by "."), newest first. */
export function readGuestCredentials(headers: Headers, cookie: GuestCookie): string[] {
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [key, value = ""] = part.trim().split("=", 2);
    if (key !== cookie.name) continue;
    return [...new Set(value.split("."))].filter(Boolean).slice(0, maxOrdersPerBrowser);
  }
  return [];
}

/**
 * The order named by `orderCode` when this browser's cookie holds a live credential for it, else null (no
 * cookie, another guest's order, expired or revoked: one answer). A malformed code throws BAD_INPUT.
 * Every guest procedure and the proof upload route authorise through this.
 */
export async function heldOrderByCode(db: Db, headers: Headers, cookie: GuestCookie, orderCode: string) {
  const code = parseOrderCode(orderCode);
  const held = await resolveBrowserCredentials(db, readGuestCredentials(headers, cookie));
  return held.find((order) => order.code === code) ?? null;
}

export const notYourOrder = "Open the link from your order message to see this order.";

function setCookieHeader(cookie: GuestCookie, credentials: readonly string[]): string {
  const value = credentials.slice(0, maxOrdersPerBrowser).join(".");
  const maxAge = browserCredentialTtlDays * 24 * 60 * 60;
  return `${cookie.name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${cookie.secure ? "; Secure" : ""}`;
}

// Link-preview fetchers (chat apps, social sites): WhatsApp through Fonnte has no switch to stop previews, and
// a preview must not swap the link for a credential, nor follow the redirect into the order.
const previewAgents =
  /WhatsApp|facebookexternalhit|Facebot|TelegramBot|Twitterbot|Slackbot|Discordbot|LinkedInBot|SkypeUriPreview|Googlebot|bingbot|Applebot|redditbot|Embedly|Iframely/i;

const privateHeaders = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
};

function redirect(to: URL, setCookie?: string): Response {
  const headers = new Headers({ ...privateHeaders, location: to.toString() });
  if (setCookie) headers.append("set-cookie", setCookie);
  return new Response(null, { status: 303, headers });
}

/** GET /o/<token>. Redirects are built from APP_BASE_URL, never from the Host header. */
export async function landOnOrderLink(input: {
  db: Db;
  token: string;
  headers: Headers;
  appBaseUrl: string;
}): Promise<Response> {
  const { db, token, headers, appBaseUrl } = input;
  if (previewAgents.test(headers.get("user-agent") ?? "")) {
    return new Response("Buka tautan ini di peramban Anda untuk melihat pesanan.", {
      status: 200,
      headers: { ...privateHeaders, "content-type": "text/plain; charset=utf-8" },
    });
  }
  const cookie = guestCookieFor(appBaseUrl);
  const held = await resolveBrowserCredentials(db, readGuestCredentials(headers, cookie));
  let opened: Awaited<ReturnType<typeof exchangeOrderLink>>;
  try {
    opened = await exchangeOrderLink(
      db,
      token,
      held.map((order) => order.orderId),
    );
  } catch (error) {
    // Wrong, expired and revoked links look the same; the page says what to do next.
    if (!isDomainError(error, "NOT_FOUND")) throw error;
    return redirect(new URL("/pesanan?tautan=tidak-berlaku", appBaseUrl));
  }
  const current = opened.credential ?? held.find((order) => order.orderId === opened.orderId)?.credential;
  const others = held.filter((order) => order.orderId !== opened.orderId).map((order) => order.credential);
  const credentials = current ? [current, ...others] : others;
  return redirect(new URL(`/pesanan/${opened.code}`, appBaseUrl), setCookieHeader(cookie, credentials));
}
