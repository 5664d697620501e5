import { bilingual } from "./bilingual";

// Messages a schema can name instead of writing text: `z.string().min(1, "validation.required")`. FormField
// shows the translation when the message is a key of this namespace, else the message as written (zod's
// own messages are already translated by i18n/zod.ts).
export const validation = bilingual(
  {
    required: "Wajib diisi.",
    email: "Masukkan alamat email yang benar, misalnya nama@contoh.com.",
    slug: "Pakai 3–40 huruf kecil, angka dan tanda minus, misalnya ayu-jastip.",
    httpsUrl: "Link foto harus diawali https://.",
    date: "Pilih tanggal.",
    bankAccount: "Tambahkan minimal satu rekening bank.",
  },
  {
    required: "Required.",
    email: "Enter a valid email address, e.g. name@example.com.",
    slug: "Use 3–40 lowercase letters, digits and dashes, e.g. ayu-jastip.",
    httpsUrl: "The photo link must start with https://.",
    date: "Pick a date.",
    bankAccount: "Add at least one bank account.",
  },
);
