import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page page--center">
      <h1>Halaman tidak ditemukan</h1>
      <p>Alamat ini tidak ada di Nitip.</p>
      <Link className="button" href="/">
        Ke beranda
      </Link>
    </main>
  );
}
