import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HostInboxLive, readLiveVersion } from "../../../components/live/live";
import { PageHeader } from "../../../components/ui/page-header";
import { requireHost } from "../../../server/auth/guards";
import { getQueryClient, trpc } from "../../../trpc/server";
import { InboxView } from "../_components/inbox-view";

export const metadata: Metadata = { title: "Pesanan masuk · Nitip" };

export default async function InboxPage() {
  await requireHost("/host/inbox");
  const since = await readLiveVersion();
  const t = await getTranslations("host.inbox");
  const trips = await getQueryClient().fetchQuery(trpc.hostTrip.list.queryOptions());
  return (
    <>
      <PageHeader title={t("title")} actions={<HostInboxLive since={since} />} />
      <InboxView trips={trips.map(({ id, title }) => ({ id, title }))} />
    </>
  );
}
