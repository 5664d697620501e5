"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "../../../components/ui/badge";
import { Card, CardTitle } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";
import { ThroughputCharts } from "./throughput-charts";

const counts = ["ready", "scheduled", "running", "failed", "lockedByDeadWorkers"] as const;
const outboxStatuses = ["pending", "sent", "failed"] as const;
const outboxTone = { pending: "warn", sent: "accent", failed: "danger" } as const;

export function OverviewView() {
  const t = useTranslations("admin.overview");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.overview.queryOptions(undefined, { refetchInterval: adminRefetchMs }));
  const at = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryState query={query}>
        {(overview) => {
          const alive = overview.workers.filter((worker) => worker.alive);
          const dead = overview.workers.length - alive.length;
          // Summed over channels: the overview says how many wait, went out or gave up; the page splits them.
          const outbox = (status: (typeof outboxStatuses)[number]) =>
            overview.outbox.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
          return (
            <>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {counts.map((name) => (
                  <Card key={name} data-testid={`count-${name}`}>
                    <p className="text-sm text-muted">{t(name)}</p>
                    <p className="text-3xl font-bold tabular-nums">{overview[name]}</p>
                  </Card>
                ))}
                <Card data-testid="oldest-waiting">
                  <p className="text-sm text-muted">{t("oldestWaiting")}</p>
                  <p className="text-xl font-semibold">
                    {overview.oldestWaitingSeconds == null
                      ? t("noneWaiting")
                      : t("seconds", { count: overview.oldestWaitingSeconds })}
                  </p>
                </Card>
              </div>
              <div className="mt-6 grid gap-3 md:grid-cols-2">
                <Card data-testid="workers">
                  <CardTitle>{t("workersTitle", { count: alive.length })}</CardTitle>
                  {alive.length === 0 ? (
                    <p className="mt-2 text-sm text-danger">
                      {t("noWorkerAlive", { seconds: overview.deadAfterSeconds })}
                    </p>
                  ) : (
                    <ul className="mt-2 space-y-2 text-sm">
                      {alive.map((worker) => (
                        <li key={worker.workerId} className="break-all">
                          <span className="font-mono">{worker.workerId}</span>
                          <span className="block text-muted">
                            {t("workerLine", { hostname: worker.hostname, pid: worker.pid })} ·{" "}
                            {t("lastHeartbeat", { at: at(worker.lastSeenAt) })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {dead > 0 && (
                    <p className="mt-2 text-sm text-muted">
                      <Link className="text-accent underline" href="/admin/running">
                        {t("deadWorkers", { count: dead })}
                      </Link>
                    </p>
                  )}
                </Card>
                <Card data-testid="outbox">
                  <CardTitle>{t("outboxTitle")}</CardTitle>
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {outboxStatuses.map((status) => (
                      <li key={status}>
                        <Link
                          href={`/admin/notifications?status=${status}`}
                          className="inline-flex min-h-11 items-center"
                        >
                          <Badge tone={outboxTone[status]} data-testid={`outbox-${status}`}>
                            {t(`outbox.${status}`, { count: outbox(status) })}
                          </Badge>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </Card>
              </div>
            </>
          );
        }}
      </QueryState>
      <ThroughputCharts />
    </>
  );
}
