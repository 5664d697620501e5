"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Textarea } from "../../../components/ui/input";
import { Label } from "../../../components/ui/label";
import { useTRPC } from "../../../trpc/react";

/** After a change the server page is re-read (router.refresh), so every section shows the new state. */
function useAfter(done: string) {
  const t = useTranslations("order");
  const router = useRouter();
  return {
    onSuccess: () => {
      toast.success(done);
      router.refresh();
    },
    onError: (error: { message: string }) => {
      toast.error(t("failed", { detail: error.message }));
    },
  };
}

/** Cancel while core allows it, saying first what will be owed back. */
export function CancelOrder({ orderCode, refundText }: { orderCode: string; refundText: string }) {
  const t = useTranslations("order.cancel");
  const trpc = useTRPC();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const cancel = useMutation(trpc.guestOrder.cancel.mutationOptions(useAfter(t("done"))));
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">{t("button")}</Button>}
      title={t("title")}
      description={
        <>
          {t("description")} <span data-testid="cancel-refund">{refundText}</span>
        </>
      }
      confirmLabel={t("confirm")}
      tone="danger"
      onConfirm={() => cancel.mutateAsync({ orderCode, reason: reason.trim() || undefined })}
    >
      <div className="grid gap-1">
        <Label htmlFor={reasonId}>{t("reason")}</Label>
        <Textarea id={reasonId} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </ConfirmDialog>
  );
}

export function ConfirmDelivery({ orderCode }: { orderCode: string }) {
  const t = useTranslations("order.deliver");
  const trpc = useTRPC();
  const confirm = useMutation(trpc.guestOrder.confirmDelivery.mutationOptions(useAfter(t("done"))));
  return (
    <ConfirmDialog
      trigger={<Button>{t("button")}</Button>}
      title={t("title")}
      description={t("description")}
      confirmLabel={t("confirm")}
      onConfirm={() => confirm.mutateAsync({ orderCode })}
    />
  );
}
