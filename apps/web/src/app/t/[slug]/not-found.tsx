import Link from "next/link";

export default function TripNotFound() {
  return (
    <main className="page page--center">
      <h1>Trip tidak ditemukan</h1>
      <p>
        Link trip ini salah, atau trip-nya belum dibuka atau sudah dibatalkan. Cek lagi link dari jastiper-mu.
      </p>
      <Link className="button" href="/">
        Ke beranda
      </Link>
    </main>
  );
}
