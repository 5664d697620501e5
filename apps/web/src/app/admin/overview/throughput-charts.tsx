"use client";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Card, CardTitle } from "../../../components/ui/card";
import { StackedBarChart } from "../../../components/ui/stacked-bar-chart";
import { EmptyState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

const windows = ["hour", "day"] as const;
type Window = (typeof windows)[number];

/** Finished runs per task over the last hour or day, as charts; a toggle picks the window. */
export function ThroughputCharts() {
  const t = useTranslations("admin.overview");
  const format = useFormatter();
  const trpc = useTRPC();
  const [span, setSpan] = useState<Window>("hour");
  const query = useQuery(
    trpc.admin.throughput.queryOptions({ window: span }, { refetchInterval: adminRefetchMs }),
  );
  const time = (date: Date) => format.dateTime(date, { hour: "2-digit", minute: "2-digit" });
  const percent = (failed: number, total: number) =>
    format.number(total === 0 ? 0 : failed / total, { style: "percent", maximumFractionDigits: 1 });

  return (
    <section aria-labelledby="throughput-title" className="mt-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <CardTitle id="throughput-title">{t("throughputTitle")}</CardTitle>
        <div className="flex gap-1">
          {windows.map((name) => (
            <Button
              key={name}
              size="sm"
              variant={span === name ? "primary" : "secondary"}
              aria-pressed={span === name}
              onClick={() => setSpan(name)}
            >
              {t(name === "hour" ? "lastHour" : "lastDay")}
            </Button>
          ))}
        </div>
      </div>
      <QueryState query={query}>
        {(throughput) =>
          throughput.tasks.length === 0 ? (
            <EmptyState title={t(span === "hour" ? "noRunsHour" : "noRunsDay")} />
          ) : (
            <ul className="grid gap-3 md:grid-cols-2">
              {throughput.tasks.map((task) => {
                const total = task.totalCompleted + task.totalFailed;
                const totals = {
                  completed: task.totalCompleted,
                  failed: task.totalFailed,
                  rate: percent(task.totalFailed, total),
                };
                return (
                  <li key={task.task}>
                    <Card data-testid="throughput-chart">
                      <p className="font-mono text-sm font-semibold break-all">{task.task}</p>
                      <p className="mb-2 text-sm text-muted">{t("totals", totals)}</p>
                      <StackedBarChart
                        summary={t("chartSummary", { task: task.task, ...totals })}
                        headings={{ bar: t("bucket"), ok: t("completed"), failed: t("failedRuns") }}
                        bars={throughput.bucketStarts.map((start, i) => ({
                          label: time(start),
                          ok: task.completed[i] ?? 0,
                          failed: task.failed[i] ?? 0,
                        }))}
                      />
                      <div className="mt-1 flex justify-between text-xs text-muted" aria-hidden="true">
                        <span>{time(throughput.bucketStarts[0] ?? new Date())}</span>
                        <span>{t("now")}</span>
                      </div>
                    </Card>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
