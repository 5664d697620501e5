// The orders this browser opened through their magic links (newest first), each linking to /pesanan/<code>.
// `?tautan=tidak-berlaku` is where a wrong, expired or revoked link lands.
import { formatDeadline, orderStatusLabel } from "@nitip/core/format";
import type { Metadata } from "next";
import { getQueryClient, trpc } from "../../trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pesanan saya · Nitip", referrer: "no-referrer" };

interface OrdersPageProps {
  searchParams: Promise<{ tautan?: string }>;
}

export default async function OrdersPage({ searchParams }: OrdersPageProps) {
  const { tautan } = await searchParams;
  const orders = await getQueryClient().fetchQuery(trpc.guestOrder.mine.queryOptions());
  const linkFailed = tautan === "tidak-berlaku";
  return (
    <main className={orders.length === 0 ? "page page--center" : "page"}>
      <h1 className="trip-header__title">{linkFailed ? "Tautan tidak berlaku" : "Pesanan saya"}</h1>
      {linkFailed ? (
        <p className="empty" data-testid="order-link-invalid">
          Tautan pesanan ini salah atau sudah kedaluwarsa. Buka tautan terbaru dari pesan WhatsApp Anda.
        </p>
      ) : null}
      {orders.length === 0 && !linkFailed ? (
        <p className="empty" data-testid="orders-empty">
          Belum ada pesanan di perangkat ini. Buka tautan pesanan dari pesan WhatsApp Anda.
        </p>
      ) : null}
      {orders.length > 0 ? (
        <ul className="products" data-testid="orders">
          {orders.map((order) => (
            <li key={order.code} className="product">
              <div className="product__body">
                <p className="product__name">
                  <a href={`/pesanan/${order.code}`}>{order.code}</a> · {order.tripTitle}
                </p>
                <p className="product__meta">
                  {orderStatusLabel(order.status)} · dipesan {formatDeadline(order.createdAt)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
