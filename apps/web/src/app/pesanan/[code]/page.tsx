// One of the guest's orders, /pesanan/<code>, opened through the browser's credential for it (the cookie the
// magic link set). A first, read-only view: status, items, amounts and the next deadline; paying and
// uploading proofs come with the guest flow.
import { formatDeadline, formatRupiah, orderStatusLabel } from "@nitip/core/format";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { OrderLive } from "../../../components/live/live";
import { getQueryClient, trpc } from "../../../trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pesanan saya · Nitip", referrer: "no-referrer" };

interface OrderPageProps {
  params: Promise<{ code: string }>;
}

async function loadOrder(orderCode: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.guestOrder.get.queryOptions({ orderCode }));
  } catch (error) {
    if (
      error instanceof TRPCError &&
      (error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")
    )
      return null;
    throw error;
  }
}

export default async function OrderPage({ params }: OrderPageProps) {
  const { code } = await params;
  const order = await loadOrder(decodeURIComponent(code));
  if (!order) {
    return (
      <main className="page page--center">
        <h1 className="trip-header__title">Tautan tidak berlaku</h1>
        <p className="empty" data-testid="order-link-invalid">
          Tautan pesanan ini salah atau sudah kedaluwarsa. Buka tautan terbaru dari pesan WhatsApp Anda.
        </p>
      </main>
    );
  }
  const nextDeadline =
    order.status === "pending_dp"
      ? { label: "Bayar DP sebelum", at: order.paymentDueAt }
      : order.status === "awaiting_final_payment" && order.finalDueAt
        ? { label: "Lunasi sebelum", at: order.finalDueAt }
        : null;
  return (
    <main className="page">
      <header className="trip-header">
        <p className="trip-header__note">
          <a href="/pesanan">Semua pesanan di perangkat ini</a>
        </p>
        <p className="trip-header__host">Pesanan untuk {order.guestName}</p>
        <h1 className="trip-header__title" data-testid="order-code">
          {order.code}
        </h1>
        <p className="deadline" data-testid="order-status">
          {orderStatusLabel(order.status)}
        </p>
        <OrderLive orderCode={order.code} />
        {nextDeadline ? (
          <p className="trip-header__note">
            {nextDeadline.label} {formatDeadline(nextDeadline.at)}
          </p>
        ) : null}
      </header>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="section-title">
          Titipan
        </h2>
        <ul className="products">
          {order.items.map((item) => (
            <li key={item.productId} className="product">
              <div className="product__body">
                <p className="product__name">
                  {item.quantity} × {item.productName}
                </p>
                <p className="product__meta">
                  <span className="product__price">{formatRupiah(item.lineTotal)}</span>
                </p>
              </div>
            </li>
          ))}
        </ul>
        <dl className="trip-facts">
          <div>
            <dt>Subtotal</dt>
            <dd>{formatRupiah(order.subtotal)}</dd>
          </div>
          <div>
            <dt>{order.paymentType === "dp" ? "DP" : "Bayar"}</dt>
            <dd data-testid="order-dp">{formatRupiah(order.dpAmount)}</dd>
          </div>
        </dl>
      </section>
    </main>
  );
}
