import type { OrderStatus, TripStatus } from "@nitip/db";
import { useTranslations } from "next-intl";
import { Badge } from "../../../components/ui/badge";

const orderTone: Partial<Record<OrderStatus, "accent" | "muted" | "warn" | "danger">> = {
  awaiting_validation: "warn",
  awaiting_final_validation: "warn",
  expired: "muted",
  cancelled: "muted",
  rejected: "danger",
  refunded: "muted",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useTranslations("host.orderStatus");
  return <Badge tone={orderTone[status] ?? "accent"}>{t(status)}</Badge>;
}

export function TripStatusBadge({ status }: { status: TripStatus }) {
  const t = useTranslations("host.trip.status");
  const tone = status === "open" ? "accent" : status === "draft" ? "warn" : "muted";
  return <Badge tone={tone}>{t(status)}</Badge>;
}
