// What each notification says, in Indonesian. The outbox row stores a template key and its params; the
// worker renders at send time. `params.withOrderLink` asks the sender to mint a fresh magic link (never stored)
// and pass it in as `orderLink`. An unknown key is a permanent error: retrying cannot invent the words.
import { DomainError } from "../errors.ts";

export interface RenderedNotification {
  /** Email only. */
  subject: string;
  text: string;
}

export type TemplateParams = Record<string, unknown>;

const rupiah = new Intl.NumberFormat("id-ID", {
  style: "currency",
  currency: "IDR",
  maximumFractionDigits: 0,
});
const jakartaTime = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Jakarta",
});

function text(params: TemplateParams, key: string, fallback = "-"): string {
  const value = params[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : fallback;
}

function money(params: TemplateParams, key: string): string {
  const value = params[key];
  return typeof value === "number" ? rupiah.format(value) : "-";
}

function when(params: TemplateParams, key: string): string {
  const value = params[key];
  const date = typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? `${jakartaTime.format(date)} WIB` : "-";
}

function link(params: TemplateParams): string {
  const value = params.orderLink;
  return typeof value === "string" ? `\n\nLihat pesanan: ${value}` : "";
}

type Template = (p: TemplateParams) => RenderedNotification;

export const notificationTemplates: Record<string, Template> = {
  "order.placed.guest": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} diterima`,
    text: `Halo ${text(p, "guestName")}, pesanan ${text(p, "orderCode")} untuk trip ${text(p, "tripTitle")} sudah kami terima. Bayar DP ${money(p, "dpAmount")} sebelum ${when(p, "dueAt")} ya.${link(p)}`,
  }),
  "order.placed.host": (p) => ({
    subject: `Pesanan baru ${text(p, "orderCode")}`,
    text: `Pesanan baru ${text(p, "orderCode")} dari ${text(p, "guestName")} untuk trip ${text(p, "tripTitle")} (total ${money(p, "subtotal")}).`,
  }),
  "order.dp-reminder.guest": (p) => ({
    subject: `DP pesanan ${text(p, "orderCode")} segera jatuh tempo`,
    text: `Halo ${text(p, "guestName")}, DP ${money(p, "dpAmount")} untuk pesanan ${text(p, "orderCode")} jatuh tempo ${when(p, "dueAt")}. Lewat dari itu, pesanan batal otomatis.${link(p)}`,
  }),
  "order.expired.guest": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan`,
    text: `Halo ${text(p, "guestName")}, pesanan ${text(p, "orderCode")} dibatalkan karena DP belum dibayar sampai batas waktu.${link(p)}`,
  }),
  "payment.submitted.host": (p) => ({
    subject: `Bukti bayar ${text(p, "orderCode")} menunggu validasi`,
    text: `Bukti pembayaran untuk pesanan ${text(p, "orderCode")} (${money(p, "amount")}) menunggu validasi. Validasi sebelum ${when(p, "dueAt")}.`,
  }),
  "payment.accepted.guest": (p) => ({
    subject: `Pembayaran ${text(p, "orderCode")} diterima`,
    text: `Halo ${text(p, "guestName")}, pembayaran ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} sudah divalidasi. Terima kasih!${link(p)}`,
  }),
  "payment.rejected.guest": (p) => ({
    subject: `Pembayaran ${text(p, "orderCode")} ditolak`,
    text: `Halo ${text(p, "guestName")}, bukti pembayaran untuk pesanan ${text(p, "orderCode")} ditolak: ${text(p, "reason", "tanpa alasan")}.${link(p)}`,
  }),
  "order.validation-timeout.guest": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan otomatis`,
    text: `Halo ${text(p, "guestName")}, host tidak memvalidasi pembayaran pesanan ${text(p, "orderCode")} dalam batas waktu, jadi pesanan dibatalkan. Dana ${money(p, "refundOwed")} akan dikembalikan.${link(p)}`,
  }),
  "order.validation-timeout.host": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dibatalkan otomatis`,
    text: `Pesanan ${text(p, "orderCode")} dibatalkan karena pembayaran tidak divalidasi tepat waktu. Kembalikan ${money(p, "refundOwed")} ke pembeli.`,
  }),
  "order.final-due.guest": (p) => ({
    subject: `Tagihan pelunasan ${text(p, "orderCode")}`,
    text: `Halo ${text(p, "guestName")}, pelunasan ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} jatuh tempo ${when(p, "dueAt")}.${link(p)}`,
  }),
  "order.final-reminder.guest": (p) => ({
    subject: `Pengingat pelunasan ${text(p, "orderCode")}`,
    text: `Halo ${text(p, "guestName")}, jangan lupa pelunasan ${money(p, "amount")} untuk pesanan ${text(p, "orderCode")} sebelum ${when(p, "dueAt")}.${link(p)}`,
  }),
  "order.shipped.guest": (p) => ({
    subject: `Pesanan ${text(p, "orderCode")} dikirim`,
    text: `Halo ${text(p, "guestName")}, pesanan ${text(p, "orderCode")} sudah dikirim lewat ${text(p, "courier")} (resi ${text(p, "trackingNumber")}).${link(p)}`,
  }),
  "proofs.waiting.host": (p) => ({
    subject: "Bukti pembayaran menunggu validasi",
    text: `Ada ${text(p, "count")} bukti pembayaran yang menunggu validasi Anda. Yang paling mendesak jatuh tempo ${when(p, "dueAt")}.`,
  }),
  "trip.published.host": (p) => ({
    subject: `Trip ${text(p, "tripTitle")} sudah tayang`,
    text: `Trip ${text(p, "tripTitle")} sudah tayang dan bisa dipesan.`,
  }),
};

export function renderNotification(templateKey: string, params: TemplateParams): RenderedNotification {
  const template = notificationTemplates[templateKey];
  if (!template) throw new DomainError("NOT_FOUND", `Unknown notification template "${templateKey}".`);
  return template(params);
}
