import { bilingual } from "./bilingual";

/** The small indicator next to pages that update by themselves (components/live). */
export const live = bilingual(
  {
    live: "Diperbarui otomatis",
    reconnecting: "Menyambung ulang…",
    stopped: "Pembaruan otomatis berhenti. Muat ulang halaman.",
  },
  {
    live: "Updating live",
    reconnecting: "Reconnecting…",
    stopped: "Live updates stopped. Reload the page.",
  },
);
