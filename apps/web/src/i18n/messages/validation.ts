import { bilingual } from "./bilingual";

// Messages a schema can name instead of writing text: `z.string().min(1, "validation.required")`. FormField
// shows the translation when the message is a key of this namespace, else the message as written (zod's
// own messages are already translated by i18n/zod.ts).
export const validation = bilingual(
  {
    required: "Wajib diisi.",
    email: "Masukkan alamat email yang benar, misalnya nama@contoh.com.",
  },
  {
    required: "Required.",
    email: "Enter a valid email address, e.g. name@example.com.",
  },
);
