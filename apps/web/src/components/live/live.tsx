// The live islands as pages place them: each reads the current order version on the server, so the browser
// hears of any change made after this render, even one made before its subscription opened.
import { getDatabase } from "../../server/db";
import { latestOrderVersion } from "../../server/live/version";
import { HostOrdersLiveClient, OrderLiveClient } from "./order-live";

/** The version to pass as `since`: read it before the page reads its data. */
export function readLiveVersion(): Promise<string> {
  return latestOrderVersion(getDatabase().prisma);
}

/**
 * The guest's order page. Pass `since` when the page read the version before its own data; otherwise it is
 * read here, just after the page's read (a change within those milliseconds shows at the next event).
 */
export async function OrderLive({ orderCode, since }: { orderCode: string; since?: string }) {
  return <OrderLiveClient orderCode={orderCode} since={since ?? (await readLiveVersion())} />;
}

/** The host's inbox and order pages: every order on their trips. */
export async function HostInboxLive({ since }: { since?: string }) {
  return <HostOrdersLiveClient since={since ?? (await readLiveVersion())} />;
}
