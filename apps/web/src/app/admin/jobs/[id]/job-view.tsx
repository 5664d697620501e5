"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "../../../../components/ui/badge";
import { Card, CardTitle } from "../../../../components/ui/card";
import { PageHeader } from "../../../../components/ui/page-header";
import { useTRPC } from "../../../../trpc/react";
import { JobActions } from "../../job-actions";
import { adminRefetchMs } from "../../polling";
import { QueryState } from "../../query-state";
import { ReplayForm } from "./replay-form";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

export function JobView({ jobId }: { jobId: string }) {
  const t = useTranslations("admin.job");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.job.queryOptions({ jobId }, { refetchInterval: adminRefetchMs }));
  return (
    <>
      <PageHeader title={t("title", { id: jobId })} />
      <QueryState query={query}>
        {({ job, runs, orderId, orderCode }) => (
          <div className="grid gap-4">
            {job ? (
              <Card className="grid gap-4">
                <dl className="grid gap-3 sm:grid-cols-2">
                  <Field label={t("task")}>
                    <code>{job.task}</code>
                  </Field>
                  <Field label={t("attempts")}>
                    {job.attempts} / {job.maxAttempts}
                  </Field>
                  <Field label={t("queue")}>{job.queue ?? t("none")}</Field>
                  <Field label={t("key")}>{job.key ?? t("none")}</Field>
                  <Field label={t("runAt")}>
                    {format.dateTime(job.runAt, { dateStyle: "medium", timeStyle: "medium" })}
                  </Field>
                  <Field label={t("order")}>
                    {orderId ? (
                      <Link className="text-accent underline" href={`/host/orders/${orderId}`}>
                        {t("openOrder", { code: orderCode ?? orderId })}
                      </Link>
                    ) : (
                      t("none")
                    )}
                  </Field>
                </dl>
                <Field label={t("payload")}>
                  <pre className="overflow-x-auto rounded-card bg-line p-3 text-xs">
                    {JSON.stringify(job.payload, null, 2)}
                  </pre>
                </Field>
                {job.lastError && (
                  <Field label={t("lastError")}>
                    <pre className="overflow-x-auto whitespace-pre-wrap text-sm text-danger">
                      {job.lastError}
                    </pre>
                  </Field>
                )}
                <JobActions target={{ jobIds: [job.id] }} count={1} />
                {job.failed && !job.lockedAt && <ReplayForm jobId={job.id} payload={job.payload} />}
              </Card>
            ) : (
              <p role="status" className="rounded-card bg-warn-soft p-3 text-sm">
                {t("gone")}
              </p>
            )}
            <Card className="grid gap-3">
              <CardTitle>{t("runs")}</CardTitle>
              {runs.length === 0 ? (
                <p className="text-sm text-muted">{t("noRuns")}</p>
              ) : (
                <ol className="grid gap-3">
                  {runs.map((run) => (
                    <li key={`${run.attempt}-${run.startedAt.toISOString()}`} className="grid gap-1">
                      <div className="flex flex-wrap items-center gap-2 text-sm">
                        <Badge tone={run.outcome === "success" ? "accent" : "danger"}>
                          {format.dateTime(run.startedAt, { dateStyle: "short", timeStyle: "medium" })}
                        </Badge>
                        {t("run", {
                          attempt: run.attempt,
                          outcome: run.outcome,
                          duration: run.durationMs,
                          worker: run.workerId ?? t("none"),
                        })}
                      </div>
                      {run.errorStack && (
                        <pre className="overflow-x-auto whitespace-pre-wrap text-xs text-muted">
                          {run.errorStack}
                        </pre>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}
