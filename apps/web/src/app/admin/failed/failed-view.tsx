"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "../../../components/ui/badge";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { JobActions } from "../job-actions";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";
import { FailedFilters } from "./failed-filters";
import { type FailedFilterParams, toQueryFilter } from "./filter";

export function FailedView({ filter, tasks }: { filter: FailedFilterParams; tasks: readonly string[] }) {
  const t = useTranslations("admin.failed");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryFilter = toQueryFilter(filter);
  const query = useQuery(
    trpc.admin.failedGroups.queryOptions(queryFilter, { refetchInterval: adminRefetchMs }),
  );
  const filtered = Boolean(filter.task || filter.q || filter.age);
  const at = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FailedFilters key={JSON.stringify(filter)} filter={filter} tasks={tasks} />
      <QueryState query={query}>
        {(groups) =>
          groups.length === 0 ? (
            <EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />
          ) : (
            <ul className="grid gap-3">
              {groups.map((group) => (
                <li key={`${group.task}\n${group.signature}`}>
                  <Card className="grid gap-3" data-testid="failed-group">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone="danger">{t("count", { count: group.count })}</Badge>
                      <code className="text-sm font-semibold">{group.task}</code>
                    </div>
                    <p className="break-words font-mono text-sm">{group.signature || "—"}</p>
                    <p className="text-sm text-muted">
                      {t("firstSeen", { at: at(group.firstSeen) })} ·{" "}
                      {t("lastSeen", { at: at(group.lastSeen) })}
                    </p>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <Link
                        className="text-sm text-accent underline"
                        href={`/admin/jobs/${group.sampleJobId}`}
                      >
                        {t("sample", { id: group.sampleJobId })}
                      </Link>
                      <JobActions
                        target={{
                          group: { task: group.task, signature: group.signature },
                          filter: queryFilter,
                        }}
                        count={group.count}
                      />
                    </div>
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
