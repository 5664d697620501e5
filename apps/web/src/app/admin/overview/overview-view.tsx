"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

const counts = ["ready", "scheduled", "running", "failed", "lockedByDeadWorkers"] as const;

export function OverviewView() {
  const t = useTranslations("admin.overview");
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.overview.queryOptions(undefined, { refetchInterval: adminRefetchMs }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryState query={query}>
        {(overview) => (
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
        )}
      </QueryState>
    </>
  );
}
