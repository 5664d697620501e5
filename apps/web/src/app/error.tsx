"use client";

// Unexpected failures: a generic message (details are in the server log, by request id), and a retry.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page page--center">
      <h1>Terjadi kesalahan</h1>
      <p>Halaman ini gagal dimuat. Coba lagi sebentar lagi.</p>
      <button className="button" type="button" onClick={reset}>
        Coba lagi
      </button>
    </main>
  );
}
