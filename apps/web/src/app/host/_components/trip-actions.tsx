"use client";

import type { TripStatus } from "@nitip/db";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { useTRPC } from "../../../trpc/react";

type TripAction = "publish" | "close" | "complete" | "cancel";

/** The moves core's trip table allows from each status (core refuses anything else anyway). */
const movesFrom: Record<TripStatus, TripAction[]> = {
  draft: ["publish", "cancel"],
  open: ["close", "cancel"],
  closed: ["complete", "cancel"],
  completed: [],
  cancelled: [],
};

/** Lifecycle buttons: each says what it will do before, and what happened after. */
export function TripActions({ tripId, status }: { tripId: string; status: TripStatus }) {
  const t = useTranslations("host.trip");
  const trpc = useTRPC();
  const router = useRouter();
  const move = useMutation(trpc.hostTrip.move.mutationOptions());

  const run = (action: TripAction) =>
    move.mutateAsync({ tripId, action }).then(
      () => {
        toast.success(t(`done.${action}`));
        router.refresh();
      },
      (error: unknown) => {
        toast.error(error instanceof TRPCClientError ? error.message : String(error));
        router.refresh(); // a lost race: show the trip as it is now
        throw error;
      },
    );

  return (
    <div className="flex flex-wrap gap-2">
      {movesFrom[status].map((action) => (
        <ConfirmDialog
          key={action}
          trigger={
            <Button variant={action === "cancel" ? "secondary" : "primary"} size="sm">
              {t(`actions.${action}`)}
            </Button>
          }
          title={t(`actions.${action}`)}
          description={t(`confirm.${action}`)}
          confirmLabel={t(`actions.${action}`)}
          tone={action === "cancel" ? "danger" : "primary"}
          onConfirm={() => run(action)}
        />
      ))}
    </div>
  );
}
