import { bilingual } from "./bilingual";

export const auth = bilingual(
  {
    title: "Masuk ke Nitip",
    intro: "Untuk host dan admin. Masukkan email Anda; kami kirim tautan untuk masuk, tanpa kata sandi.",
    guestNote: "Pembeli tidak perlu masuk: buka tautan pesanan dari pesan WhatsApp Anda.",
    emailLabel: "Email",
    emailPlaceholder: "nama@contoh.com",
    submit: "Kirim tautan masuk",
    checkTitle: "Cek email Anda",
    checkBody:
      "Jika alamat itu bisa dipakai, tautan untuk masuk sudah kami kirim. Tautan berlaku 24 jam dan hanya sekali pakai.",
    checkDevMailbox: "Mode pengembangan: email tidak dikirim sungguhan. Buka kotak surat dev.",
    signedOut: "Anda sudah keluar.",
    errors: {
      Verification: "Tautan masuk ini sudah dipakai atau kedaluwarsa. Minta tautan baru di bawah.",
      EmailSignin: "Email masuk tidak bisa dikirim sekarang. Coba lagi sebentar lagi.",
      SessionRequired: "Silakan masuk untuk melanjutkan.",
      TooMany:
        "Terlalu banyak permintaan tautan masuk. Tunggu sebentar (paling lama satu jam) lalu coba lagi.",
      Default: "Tidak bisa masuk. Coba lagi.",
    },
    mailbox: {
      title: "Kotak surat dev",
      intro: "Email masuk yang dibuat server ini (hanya di luar produksi). Yang terbaru di atas.",
      empty: "Belum ada email. Minta tautan masuk di halaman Masuk.",
      to: "Untuk",
      open: "Buka tautan masuk",
    },
  },
  {
    title: "Sign in to Nitip",
    intro: "For hosts and admins. Enter your email; we send you a link to sign in, no password.",
    guestNote: "Buyers do not need to sign in: open the order link from your WhatsApp message.",
    emailLabel: "Email",
    emailPlaceholder: "name@example.com",
    submit: "Send sign-in link",
    checkTitle: "Check your email",
    checkBody: "If that address can be used, we have sent a sign-in link. The link works for 24 hours, once.",
    checkDevMailbox: "Development mode: emails are not really sent. Open the dev mailbox.",
    signedOut: "You have signed out.",
    errors: {
      Verification: "This sign-in link was already used or has expired. Ask for a new one below.",
      EmailSignin: "The sign-in email cannot be sent right now. Please try again shortly.",
      SessionRequired: "Please sign in to continue.",
      TooMany: "Too many sign-in links asked for. Wait a while (an hour at most) and try again.",
      Default: "Could not sign in. Please try again.",
    },
    mailbox: {
      title: "Dev mailbox",
      intro: "Sign-in emails made by this server (outside production only). Newest first.",
      empty: "No emails yet. Ask for a sign-in link on the Sign in page.",
      to: "To",
      open: "Open the sign-in link",
    },
  },
);
