"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState } from "../../../components/ui/states";
import type { AppRouter } from "../../../server/api/root";
import { useTRPC } from "../../../trpc/react";
import { formatDuration } from "../duration";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

type RunningJob = inferRouterOutputs<AppRouter>["admin"]["running"]["jobs"][number];

/** The workers that hold jobs but send no heartbeat: their jobs wait until someone unlocks them. */
function deadWorkers(jobs: RunningJob[]) {
  const byWorker = new Map<string, { workerId: string; lastSeen: Date | null; count: number }>();
  for (const job of jobs.filter((j) => !j.workerAlive)) {
    const entry = byWorker.get(job.workerId) ?? {
      workerId: job.workerId,
      lastSeen: job.workerLastSeen,
      count: 0,
    };
    entry.count++;
    byWorker.set(job.workerId, entry);
  }
  return [...byWorker.values()];
}

function ForceUnlock({ workerId, count }: { workerId: string; count: number }) {
  const t = useTranslations("admin.running");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unlock = useMutation(
    trpc.admin.forceUnlock.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="danger">
          {t("forceUnlock")}
        </Button>
      }
      title={t("forceUnlockTitle", { count })}
      description={t("forceUnlockBody", { count })}
      confirmLabel={t("forceUnlock")}
      tone="danger"
      onConfirm={async () => {
        try {
          toast.success(t("unlocked", { count: (await unlock.mutateAsync({ workerId })).unlocked }));
        } catch (error) {
          toast.error(error instanceof Error ? error.message : String(error));
          throw error;
        }
      }}
    />
  );
}

export function RunningView() {
  const t = useTranslations("admin.running");
  const format = useFormatter();
  const trpc = useTRPC();
  const running = useQuery(trpc.admin.running.queryOptions(undefined, { refetchInterval: adminRefetchMs }));
  const scheduled = useQuery(
    trpc.admin.scheduled.queryOptions(undefined, { refetchInterval: adminRefetchMs }),
  );
  const at = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <section className="grid gap-3" aria-labelledby="running-title">
        <h2 id="running-title" className="text-lg font-semibold">
          {t("running")}
        </h2>
        <QueryState query={running}>
          {({ jobs, stuckAfterSeconds }) =>
            jobs.length === 0 ? (
              <EmptyState title={t("noneRunning")} />
            ) : (
              <>
                {deadWorkers(jobs).map((worker) => (
                  <Card key={worker.workerId} className="grid gap-2 bg-warn-soft" data-testid="dead-worker">
                    <p className="font-semibold">{t("dead", { count: worker.count })}</p>
                    <p className="break-all font-mono text-sm">{worker.workerId}</p>
                    <p className="text-sm text-muted">
                      {worker.lastSeen ? t("lastSeen", { at: at(worker.lastSeen) }) : t("neverSeen")}
                    </p>
                    <div>
                      <ForceUnlock workerId={worker.workerId} count={worker.count} />
                    </div>
                  </Card>
                ))}
                <ul className="grid gap-2">
                  {jobs.map((job) => (
                    <li key={job.id}>
                      <Card className="grid gap-1 text-sm" data-testid="running-job">
                        <div className="flex flex-wrap items-center gap-2">
                          <Link
                            className="font-semibold text-accent underline"
                            href={`/admin/jobs/${job.id}`}
                          >
                            {t("job", { id: job.id })}
                          </Link>
                          <code>{job.task}</code>
                          <span>{t("for", { duration: formatDuration(job.runningSeconds) })}</span>
                        </div>
                        <p className="break-all text-muted">{t("worker", { worker: job.workerId })}</p>
                        {job.stuck && (
                          <p role="status" className="text-danger">
                            {t("stuck", { limit: formatDuration(stuckAfterSeconds) })}
                          </p>
                        )}
                      </Card>
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </QueryState>
      </section>
      <section className="grid gap-3" aria-labelledby="scheduled-title">
        <h2 id="scheduled-title" className="text-lg font-semibold">
          {t("scheduled")}
        </h2>
        <QueryState query={scheduled}>
          {(jobs) =>
            jobs.length === 0 ? (
              <EmptyState title={t("noneScheduled")} />
            ) : (
              <ol className="grid gap-2">
                {jobs.map((job) => (
                  <li key={job.id}>
                    <Card className="flex flex-wrap items-center gap-2 text-sm" data-testid="scheduled-job">
                      <Badge tone="accent">{t("runsAt", { at: at(job.runAt) })}</Badge>
                      <Link className="text-accent underline" href={`/admin/jobs/${job.id}`}>
                        {t("job", { id: job.id })}
                      </Link>
                      <code>{job.task}</code>
                      {job.orderId && (
                        <Link className="text-accent underline" href={`/host/orders/${job.orderId}`}>
                          {t("order", { code: job.orderCode ?? job.orderId })}
                        </Link>
                      )}
                    </Card>
                  </li>
                ))}
              </ol>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
