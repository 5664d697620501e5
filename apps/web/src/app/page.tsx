import Link from "next/link";

export default function HomePage() {
  return (
    <main className="page page--center">
      <h1 className="brand">Nitip</h1>
      <p>Titip belanja dari luar kota dan luar negeri lewat jastiper yang kamu kenal.</p>
      <Link className="button" href="/t/tokyo-des-2026">
        Lihat contoh trip: Jastip Tokyo
      </Link>
    </main>
  );
}
