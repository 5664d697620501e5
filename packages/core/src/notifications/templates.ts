// What each notification says, in Indonesian. The outbox row stores a template key and its params; the
// worker renders at send time. `params.withOrderLink` asks the sender to mint a fresh magic link (never stored)
// and pass it in as `orderLink`. An unknown key is a permanent error: retrying cannot invent the words.
import { DomainError } from "../errors.ts";
import { formatDeadline, formatRupiah } from "../format.ts";

export interface RenderedNotification {
  /** Email only. */
  subject: string;
  text: string;
}

export type TemplateParams = Record<string, unknown>;

function text(params: TemplateParams, key: string, fallback = "-"): string {
  const value = params[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : fallback;
}

function money(params: TemplateParams, key: string): string {
  const value = params[key];
  return typeof value === "number" ? formatRupiah(value) : "-";
}

function when(params: TemplateParams, key: string): string {
  const value = params[key];
  const date = typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? formatDeadline(date) : "-";
}

function list(params: TemplateParams, key: string): string[] {
  const value = params[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A digest names this many order codes, then "dan N lainnya". */
const digestCodesShown = 10;

function link(params: TemplateParams): string {
  const value = params.orderLink;
  return typeof value === "string" ? `\n\nLihat pesanan: ${value}` : "";
}

type Template = (p: TemplateParams) => RenderedNotification;

const kindLabel = (p: TemplateParams) => (p.kind === "final" ? "pelunasan" : "DP");

/** Keys as the order engine writes them (packages/core/src/orders); `host.*` goes to the host. */
export const notificationTemplates: Record<string, Template> = {
  "order.placed": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} diterima`,
    text: `Pesanan ${text(p, "orderCode")} untuk trip ${text(p, "tripTitle")} sudah kami terima. Bayar DP ${money(p, "amountDue")} sebelum ${when(p, "paymentDueAt")}, lalu unggah bukti transfernya.${link(p)}`,
  }),
  "host.order.placed": (p) => ({
    subject: `Pesanan baru ${text(p, "orderCode")}`,
    text: `Pesanan baru ${text(p, "orderCode")} dari ${text(p, "guestName")} untuk trip ${text(p, "tripTitle")} (subtotal ${money(p, "subtotal")}).`,
  }),
  // The worker's digest of several host.order.placed rows to one host (apps/worker notifications/digest.ts).
  "host.orders.digest": (p) => {
    const codes = list(p, "orderCodes");
    const shown = codes.slice(0, digestCodesShown).join(", ");
    const more = codes.length > digestCodesShown ? ` dan ${codes.length - digestCodesShown} lainnya` : "";
    const trips = list(p, "tripTitles");
    return {
      subject: `${text(p, "count")} pesanan baru`,
      text: `${text(p, "count")} pesanan baru${trips.length === 1 ? ` untuk trip ${trips[0]}` : ""}: ${shown}${more} (total subtotal ${money(p, "subtotal")}).`,
    };
  },
  "order.proof_received": (p) => ({
    subject: `Bukti bayar ${text(p, "orderCode")} diterima`,
    text: `Bukti pembayaran pesanan ${text(p, "orderCode")} sudah kami terima dan menunggu validasi host.${link(p)}`,
  }),
  "host.proof_submitted": (p) => ({
    subject: `Bukti bayar ${text(p, "orderCode")} menunggu validasi`,
    text: `${text(p, "guestName")} mengunggah bukti pembayaran ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")}. Mohon divalidasi.`,
  }),
  "order.payment_accepted": (p) => ({
    subject: `Pembayaran ${text(p, "orderCode")} diterima`,
    text: `Pembayaran ${kindLabel(p)} untuk pesanan ${text(p, "orderCode")} sudah divalidasi. Terima kasih!${link(p)}`,
  }),
  "order.payment_rejected": (p) => ({
    subject: `Pembayaran ${text(p, "orderCode")} ditolak`,
    text: `Bukti pembayaran ${kindLabel(p)} untuk pesanan ${text(p, "orderCode")} ditolak: ${text(p, "reason", "tanpa alasan")}. Silakan unggah ulang.${link(p)}`,
  }),
  "order.final_invoice": (p) => ({
    subject: `Tagihan pelunasan ${text(p, "orderCode")}`,
    text: `Tagihan pelunasan pesanan ${text(p, "orderCode")}: ${money(p, "finalAmount")}, jatuh tempo ${when(p, "finalDueAt")}.${link(p)}`,
  }),
  "order.expired": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan`,
    text: `Pesanan ${text(p, "orderCode")} dibatalkan karena DP belum dibayar sampai batas waktu.${link(p)}`,
  }),
  "order.auto_rejected": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan otomatis`,
    text: `Host tidak memvalidasi pembayaran pesanan ${text(p, "orderCode")} tepat waktu, jadi pesanan dibatalkan dan dana Anda akan dikembalikan.${link(p)}`,
  }),
  "host.order.auto_rejected": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan otomatis`,
    text: `Pesanan ${text(p, "orderCode")} dibatalkan karena pembayarannya tidak divalidasi tepat waktu. Kembalikan dana pembeli.`,
  }),
  "order.shipped": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dikirim`,
    text: `Pesanan ${text(p, "orderCode")} sudah dikirim lewat ${text(p, "courier")} (resi ${text(p, "trackingNumber")}).${link(p)}`,
  }),
  "order.delivered": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} selesai`,
    text: `Pesanan ${text(p, "orderCode")} tercatat sudah diterima. Terima kasih sudah titip!${link(p)}`,
  }),
  "host.order.delivered": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} diterima pembeli`,
    text: `Pesanan ${text(p, "orderCode")} sudah diterima pembeli.`,
  }),
  "order.cancelled": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan`,
    text: `Pesanan ${text(p, "orderCode")} dibatalkan: ${text(p, "reason", "tanpa alasan")}. Dana yang dikembalikan: ${money(p, "refundOwed")}.${link(p)}`,
  }),
  "host.order.cancelled": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan`,
    text: `Pesanan ${text(p, "orderCode")} dibatalkan (${text(p, "reason", "tanpa alasan")}). Dana yang harus dikembalikan: ${money(p, "refundOwed")}.`,
  }),
  "order.refunded": (p) => ({
    subject: `Dana ${text(p, "orderCode")} dikembalikan`,
    text: `Pengembalian dana ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} sudah dicatat host.${link(p)}`,
  }),
  // Reminders (notifications/reminders.ts).
  "order.dp_reminder": (p) => ({
    subject: `DP pesanan ${text(p, "orderCode")} segera jatuh tempo`,
    text: `DP ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} jatuh tempo ${when(p, "dueAt")}. Lewat dari itu, pesanan batal otomatis.${link(p)}`,
  }),
  "order.final_reminder": (p) => ({
    subject: `Pengingat pelunasan ${text(p, "orderCode")}`,
    text: `Jangan lupa pelunasan ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} sebelum ${when(p, "dueAt")}.${link(p)}`,
  }),
  "host.proofs_waiting": (p) => ({
    subject: "Bukti pembayaran menunggu validasi",
    text: `Ada ${text(p, "count")} bukti pembayaran yang menunggu validasi Anda. Yang paling mendesak jatuh tempo ${when(p, "dueAt")}.`,
  }),
  "host.trip_published": (p) => ({
    subject: `Trip ${text(p, "tripTitle")} sudah tayang`,
    text: `Trip ${text(p, "tripTitle")} sudah tayang dan bisa dipesan.`,
  }),
};

export function renderNotification(templateKey: string, params: TemplateParams): RenderedNotification {
  const template = notificationTemplates[templateKey];
  if (!template) throw new DomainError("NOT_FOUND", `Unknown notification template "${templateKey}".`);
  return template(params);
}
