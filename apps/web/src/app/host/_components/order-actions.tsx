"use client";

import type { OrderStatus } from "@nitip/db";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { Input, Textarea } from "../../../components/ui/input";
import { useTRPC } from "../../../trpc/react";

interface OrderActionsProps {
  orderId: string;
  status: OrderStatus;
  refundOwed: number;
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The host's moves on one order. Each dialog says what will happen; afterwards a toast says what did. A
 * move that lost a race (the guest or the system got there first) shows the order as it now is.
 */
export function OrderActions({ orderId, status, refundOwed }: OrderActionsProps) {
  const t = useTranslations("host.order");
  const statusText = useTranslations("host.orderStatus");
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [shippingFee, setShippingFee] = useState("");
  const [otherFees, setOtherFees] = useState("");
  const [courier, setCourier] = useState("");
  const [tracking, setTracking] = useState("");
  const [refundFile, setRefundFile] = useState<File | null>(null);
  const accept = useMutation(trpc.hostOrder.acceptPayment.mutationOptions());
  const reject = useMutation(trpc.hostOrder.rejectPayment.mutationOptions());
  const invoice = useMutation(trpc.hostOrder.issueFinalInvoice.mutationOptions());
  const ship = useMutation(trpc.hostOrder.ship.mutationOptions());
  const cancel = useMutation(trpc.hostOrder.cancel.mutationOptions());
  const refund = useMutation(trpc.hostOrder.recordRefund.mutationOptions());

  function after(work: Promise<{ status: OrderStatus }>) {
    return work.then(
      (result) => {
        toast.success(t("done", { status: statusText(result.status) }));
        router.refresh();
      },
      (error: unknown) => {
        const lostRace = error instanceof TRPCClientError && error.data?.code === "CONFLICT";
        toast.error(lostRace ? t("changed") : error instanceof Error ? error.message : String(error));
        if (lostRace) router.refresh();
        throw error;
      },
    );
  }

  const validating = status === "awaiting_validation" || status === "awaiting_final_validation";
  const cancellable = ["pending_dp", "awaiting_final_payment", "awaiting_final_validation", "paid"].includes(
    status,
  );
  const refundable = (status === "cancelled" || status === "rejected") && refundOwed > 0;
  const reasonField = (
    <FormField label={t("reason")}>
      <Textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
    </FormField>
  );

  return (
    <div className="flex flex-wrap gap-2" data-testid="order-actions">
      {validating && (
        <ConfirmDialog
          trigger={<Button>{t("accept")}</Button>}
          title={t("accept")}
          description={t("acceptInfo")}
          confirmLabel={t("accept")}
          onConfirm={() => after(accept.mutateAsync({ orderId }))}
        />
      )}
      {validating && (
        <ConfirmDialog
          trigger={<Button variant="secondary">{t("reject")}</Button>}
          title={t("reject")}
          description={t("rejectInfo")}
          confirmLabel={t("reject")}
          tone="danger"
          confirmDisabled={!reason.trim()}
          onConfirm={() => after(reject.mutateAsync({ orderId, reason }))}
        >
          {reasonField}
        </ConfirmDialog>
      )}
      {status === "awaiting_final_payment" && (
        <ConfirmDialog
          trigger={<Button>{t("invoice")}</Button>}
          title={t("invoice")}
          description={t("invoiceInfo")}
          confirmLabel={t("invoice")}
          confirmDisabled={shippingFee === "" || Number.isNaN(Number(shippingFee))}
          onConfirm={() =>
            after(
              invoice.mutateAsync({
                orderId,
                shippingFee: Number(shippingFee),
                ...(otherFees ? { otherFees: Number(otherFees) } : {}),
              }),
            )
          }
        >
          <FormField label={t("shippingFee")}>
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              value={shippingFee}
              onChange={(e) => setShippingFee(e.target.value)}
            />
          </FormField>
          <FormField label={t("otherFees")} optional>
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              value={otherFees}
              onChange={(e) => setOtherFees(e.target.value)}
            />
          </FormField>
        </ConfirmDialog>
      )}
      {status === "paid" && (
        <ConfirmDialog
          trigger={<Button>{t("ship")}</Button>}
          title={t("ship")}
          description={t("shipInfo")}
          confirmLabel={t("ship")}
          confirmDisabled={!courier.trim() || !tracking.trim()}
          onConfirm={() => after(ship.mutateAsync({ orderId, courier, trackingNumber: tracking }))}
        >
          <FormField label={t("courier")}>
            <Input value={courier} onChange={(e) => setCourier(e.target.value)} />
          </FormField>
          <FormField label={t("trackingNumber")}>
            <Input value={tracking} onChange={(e) => setTracking(e.target.value)} />
          </FormField>
        </ConfirmDialog>
      )}
      {cancellable && (
        <ConfirmDialog
          trigger={<Button variant="secondary">{t("cancel")}</Button>}
          title={t("cancel")}
          description={t("cancelInfo")}
          confirmLabel={t("cancel")}
          tone="danger"
          confirmDisabled={!reason.trim()}
          onConfirm={() => after(cancel.mutateAsync({ orderId, reason }))}
        >
          {reasonField}
        </ConfirmDialog>
      )}
      {refundable && (
        <ConfirmDialog
          trigger={<Button>{t("refund")}</Button>}
          title={t("refund")}
          description={t("refundInfo")}
          confirmLabel={t("refund")}
          confirmDisabled={!refundFile}
          onConfirm={async () =>
            refundFile && after(refund.mutateAsync({ orderId, proofBase64: await fileToBase64(refundFile) }))
          }
        >
          <FormField label={t("refundFile")}>
            <Input
              type="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              onChange={(e) => setRefundFile(e.target.files?.[0] ?? null)}
            />
          </FormField>
        </ConfirmDialog>
      )}
    </div>
  );
}
