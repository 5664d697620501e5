"use client";
// Retry now / discard for one job or a whole group, each behind a confirmation that says how many jobs it
// touches; the result toast says how many were affected and why the rest were skipped.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "../../components/ui/button";
import { ConfirmDialog } from "../../components/ui/dialog";
import type { AppRouter } from "../../server/api/root";
import { useTRPC } from "../../trpc/react";

type Target = inferRouterInputs<AppRouter>["admin"]["retry"];
type Result = inferRouterOutputs<AppRouter>["admin"]["retry"];

export function JobActions({ target, count }: { target: Target; count: number }) {
  const t = useTranslations("admin.actions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const retry = useMutation(trpc.admin.retry.mutationOptions({ onSettled }));
  const discard = useMutation(trpc.admin.discard.mutationOptions({ onSettled }));

  async function run(action: typeof retry) {
    try {
      report(await action.mutateAsync(target));
    } catch (error) {
      toast.error(t("failed", { message: error instanceof Error ? error.message : String(error) }));
      throw error;
    }
  }

  function report(result: Result) {
    const running = result.skipped.filter((s) => s.reason === "running").length;
    const gone = result.skipped.length - running;
    const lines = [t("result", { affected: result.affected, requested: result.requested })];
    if (running) lines.push(t("skippedRunning", { count: running }));
    if (gone) lines.push(t("skippedGone", { count: gone }));
    (result.skipped.length ? toast.warning : toast.success)(lines.join(" "));
  }

  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmDialog
        trigger={<Button size="sm">{t("retry")}</Button>}
        title={t("retryTitle", { count })}
        description={t("retryBody", { count })}
        confirmLabel={t("retry")}
        onConfirm={() => run(retry)}
      />
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="secondary">
            {t("discard")}
          </Button>
        }
        title={t("discardTitle", { count })}
        description={t("discardBody", { count })}
        confirmLabel={t("discard")}
        tone="danger"
        onConfirm={() => run(discard)}
      />
    </div>
  );
}
