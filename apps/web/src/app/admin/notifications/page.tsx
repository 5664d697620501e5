import { NotificationsView } from "./notifications-view";

const statuses = ["pending", "sent", "failed"] as const;
const channels = ["whatsapp", "email"] as const;
const pick = <T extends string>(choices: readonly T[], value: unknown): T | undefined =>
  choices.find((choice) => choice === value);

/** ?status=&channel= in the URL, so a view of the outbox can be shared; unknown values mean "all". */
export default async function AdminNotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <NotificationsView
      filter={{ status: pick(statuses, params.status), channel: pick(channels, params.channel) }}
    />
  );
}
