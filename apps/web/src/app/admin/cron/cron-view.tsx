"use client";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2">
      <dt className="text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function CronView() {
  const t = useTranslations("admin.cron");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.cron.queryOptions(undefined, { refetchInterval: adminRefetchMs }));
  const at = (date: Date | null) =>
    date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryState query={query}>
        {(entries) =>
          entries.length === 0 ? (
            <EmptyState title={t("never")} />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {entries.map((entry) => (
                <li key={entry.identifier}>
                  <Card className="grid gap-2 text-sm" data-testid="cron-entry">
                    <code className="font-semibold">{entry.task}</code>
                    <dl className="grid gap-1">
                      <Row label={t("schedule")}>
                        <code>{entry.schedule}</code>
                      </Row>
                      <Row label={t("lastScheduled")}>{at(entry.lastScheduledAt)}</Row>
                      <Row label={t("lastRun")}>
                        {entry.lastRun ? (
                          <span className="flex flex-wrap items-center gap-2">
                            {at(entry.lastRun.startedAt)}
                            <Badge tone={entry.lastRun.outcome === "success" ? "accent" : "danger"}>
                              {t("outcome", {
                                outcome: entry.lastRun.outcome,
                                duration: entry.lastRun.durationMs,
                              })}
                            </Badge>
                          </span>
                        ) : (
                          t("never")
                        )}
                      </Row>
                      {entry.lastRun?.errorMessage && (
                        <p className="break-words text-danger">{entry.lastRun.errorMessage}</p>
                      )}
                      <Row label={t("nextRun")}>{at(entry.nextRunAt)}</Row>
                    </dl>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
