"use client";

import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "../../../components/ui/button";
import { Label } from "../../../components/ui/label";
import { shrinkPhoto } from "./shrink-photo";

const maxBytes = 5 * 1024 * 1024;
const accept = "image/jpeg,image/png,image/webp,application/pdf";
// ISO-BMFF brands of HEIC/HEIF photos (the server refuses them too; this saves the guest a long upload).
const heifBrands = new Set(["heic", "heix", "hevc", "hevx", "mif1", "msf1"]);

async function isHeif(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const text = String.fromCharCode(...head);
  return text.slice(4, 8) === "ftyp" && heifBrands.has(text.slice(8, 12));
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

interface Sent {
  status: number;
  message?: string;
}

/** multipart POST with upload progress (fetch has no upload progress events; XMLHttpRequest does). */
function send(orderCode: string, file: File, onProgress: (percent: number) => void): Promise<Sent> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/orders/${encodeURIComponent(orderCode)}/proofs`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let message: string | undefined;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message;
      } catch {
        message = xhr.responseText || undefined;
      }
      resolve({ status: xhr.status, message });
    };
    xhr.onerror = () => resolve({ status: 0 });
    const form = new FormData();
    form.set("file", file, file.name);
    xhr.send(form);
  });
}

/** The DP or final payment proof: choose a photo, send it with progress, then the page re-reads the order. */
export function ProofUpload({
  orderCode,
  kind,
  host,
}: {
  orderCode: string;
  kind: "dp" | "final";
  host: string;
}) {
  const t = useTranslations("order.upload");
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function choose(chosen: File | undefined) {
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    if (await isHeif(chosen)) return setProblem(t("heic"));
    const fitted = await shrinkPhoto(chosen, maxBytes).catch(() => chosen);
    if (fitted.size > maxBytes) return setProblem(t("tooBig", { size: megabytes(chosen.size) }));
    setFile(fitted);
  }

  // A file picked before the page's script took over (a slow phone, a fast tap) fired no onChange that React
  // saw: take it up once hydrated, so the send button does not stay disabled beside a chosen file.
  useEffect(() => {
    const early = input.current?.files?.[0];
    if (early) void choose(early);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setProblem(null);
    setProgress(0);
    const sent = await send(orderCode, file, setProgress);
    setProgress(null);
    if (sent.status === 201) {
      toast.success(t("sent", { host }));
      router.refresh();
      return;
    }
    if (sent.status === 0) return setProblem(t("network"));
    if (sent.status === 415) return setProblem(sent.message?.includes("HEIC") ? t("heic") : t("wrongType"));
    if (sent.status === 413) return setProblem(t("tooBig", { size: megabytes(file.size) }));
    setProblem(t("failed", { detail: sent.message ?? String(sent.status) }));
  }

  const busy = progress !== null;
  return (
    <form className="grid gap-3" onSubmit={submit} data-testid="proof-upload">
      <div className="grid gap-1">
        <Label htmlFor={inputId}>{kind === "dp" ? t("labelDp") : t("labelFinal")}</Label>
        <input
          id={inputId}
          ref={input}
          type="file"
          name="file"
          // Without image/heic here, iPhones hand over a JPEG copy of a HEIC photo.
          accept={accept}
          disabled={busy}
          aria-describedby={`${inputId}-hint`}
          aria-invalid={problem ? true : undefined}
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-full file:border file:border-line file:bg-surface file:px-4 file:font-semibold"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
        <p id={`${inputId}-hint`} className="text-sm text-muted">
          {t("hint")}
        </p>
      </div>
      {problem && (
        <p role="alert" className="rounded-xl bg-danger-soft p-3 text-sm" data-testid="upload-problem">
          {problem}
        </p>
      )}
      {busy && (
        <div className="grid gap-1" role="status">
          <progress className="w-full accent-accent" max={100} value={progress} aria-label={t("send")} />
          <p className="text-sm tabular-nums">{t("sending", { percent: progress })}</p>
        </div>
      )}
      <Button type="submit" disabled={!file} loading={busy}>
        <Upload aria-hidden className="size-4" />
        {t("send")}
      </Button>
    </form>
  );
}
