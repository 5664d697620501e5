"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Select } from "../../../components/ui/input";
import { Label } from "../../../components/ui/label";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

type Status = "pending" | "sent" | "failed";
type Channel = "whatsapp" | "email";
const tone = { pending: "warn", sent: "accent", failed: "danger" } as const;

function SendAgain({ outboxId }: { outboxId: string }) {
  const t = useTranslations("admin.notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.admin.resendNotification.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );
  return (
    <ConfirmDialog
      trigger={<Button size="sm">{t("sendAgain")}</Button>}
      title={t("sendAgainTitle")}
      description={t("sendAgainBody")}
      confirmLabel={t("sendAgain")}
      onConfirm={async () => {
        try {
          const result = await resend.mutateAsync({ outboxId });
          toast.success(result.status === "requeued" ? t("requeued") : t("alreadyPending"));
        } catch (error) {
          toast.error(error instanceof Error ? error.message : String(error));
          throw error;
        }
      }}
    />
  );
}

export function NotificationsView({ filter }: { filter: { status?: Status; channel?: Channel } }) {
  const t = useTranslations("admin.notifications");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.notifications.queryOptions(filter, { refetchInterval: adminRefetchMs }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form
        key={JSON.stringify(filter)}
        method="get"
        action="/admin/notifications"
        className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      >
        <div className="grid gap-1">
          <Label htmlFor="outbox-status">{t("status")}</Label>
          <Select id="outbox-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("any")}</option>
            {(["pending", "sent", "failed"] as const).map((status) => (
              <option key={status} value={status}>
                {t(status)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="outbox-channel">{t("channel")}</Label>
          <Select id="outbox-channel" name="channel" defaultValue={filter.channel ?? ""}>
            <option value="">{t("any")}</option>
            {(["whatsapp", "email"] as const).map((channel) => (
              <option key={channel} value={channel}>
                {t(channel)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit">{t("apply")}</Button>
      </form>
      <QueryState query={query}>
        {({ counts, rows }) => (
          <>
            <ul className="flex flex-wrap gap-2" aria-label={t("title")}>
              {counts.map((count) => (
                <li key={`${count.status}-${count.channel}`}>
                  <Badge tone={tone[count.status]} data-testid="outbox-count">
                    {t("count", { status: t(count.status), channel: t(count.channel), count: count.count })}
                  </Badge>
                </li>
              ))}
            </ul>
            {rows.length === 0 ? (
              <EmptyState title={t("empty")} />
            ) : (
              <ul className="grid gap-2">
                {rows.map((row) => (
                  <li key={row.id}>
                    <Card className="grid gap-1 text-sm" data-testid="outbox-row">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone={tone[row.status]}>{t(row.status)}</Badge>
                        <span>{t(row.channel)}</span>
                        <code>{row.templateKey}</code>
                        <span className="text-muted">{t("attempts", { count: row.attempts })}</span>
                      </div>
                      <p className="text-muted">
                        {format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                        <span className="break-all">{row.recipient}</span>
                      </p>
                      {row.providerMessageId && (
                        <p className="break-all">{t("providerId", { id: row.providerMessageId })}</p>
                      )}
                      {row.lastError && <p className="break-words text-danger">{row.lastError}</p>}
                      <div className="flex flex-wrap items-center gap-3">
                        {row.orderId && (
                          <Link className="text-accent underline" href={`/host/orders/${row.orderId}`}>
                            {t("order", { code: row.orderCode ?? row.orderId })}
                          </Link>
                        )}
                        {row.status === "failed" && <SendAgain outboxId={row.id} />}
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
