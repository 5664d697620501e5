// Proof files are judged by their bytes, never by their name or the Content-Type a browser sent.
import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "../errors.ts";

export const maxProofBytes = 5 * 1024 * 1024;

const accepted: Record<string, { ext: "jpg" | "png" | "webp" | "pdf"; label: string }> = {
  "image/jpeg": { ext: "jpg", label: "JPEG image" },
  "image/png": { ext: "png", label: "PNG image" },
  "image/webp": { ext: "webp", label: "WebP image" },
  "application/pdf": { ext: "pdf", label: "PDF" },
};

// iPhones save photos as HEIC/HEIF, which browsers and most hosts' phones cannot show; converting it needs a
// large WebAssembly decoder, so it is refused with how to get a JPEG instead.
const heif = new Set(["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]);

const describe: Record<string, string> = {
  "image/gif": "a GIF image",
  "image/bmp": "a BMP image",
  "image/tiff": "a TIFF image",
  "image/svg+xml": "an SVG image",
  "application/zip": "a ZIP archive",
  "video/mp4": "an MP4 video",
  "video/quicktime": "a QuickTime video",
};

const acceptedList = "a JPEG, PNG, WebP or PDF";

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Refuses a file by size alone; callers use it before decoding or reading a body. */
export function assertProofSize(bytes: number): void {
  if (bytes > maxProofBytes) {
    throw new DomainError(
      "PAYLOAD_TOO_LARGE",
      `File is ${formatMegabytes(bytes)}; the limit is ${formatMegabytes(maxProofBytes)}.`,
      { size: bytes, limit: maxProofBytes },
    );
  }
}

export interface CheckedProof {
  mime: string;
  ext: "jpg" | "png" | "webp" | "pdf";
  size: number;
}

/** Size and content checks; returns the detected type. */
export async function checkProofFile(bytes: Uint8Array): Promise<CheckedProof> {
  assertProofSize(bytes.byteLength);
  if (bytes.byteLength === 0)
    throw new DomainError("BAD_INPUT", "The file is empty; choose the photo again.");
  const detected = await fileTypeFromBuffer(bytes);
  const match = detected ? accepted[detected.mime] : undefined;
  if (detected && heif.has(detected.mime)) {
    throw new DomainError(
      "UNSUPPORTED_FILE",
      "This photo is in HEIC/HEIF format, which we cannot show to the host. Take a screenshot of it and upload the screenshot, or set the camera to JPEG (iPhone: Settings > Camera > Formats > Most Compatible).",
      { detected: detected.mime },
    );
  }
  if (!detected || !match) {
    const what = detected
      ? (describe[detected.mime] ?? `a ${detected.ext.toUpperCase()} file`)
      : "not a file type we recognise";
    throw new DomainError("UNSUPPORTED_FILE", `This file is ${what}; upload ${acceptedList}.`, {
      detected: detected?.mime ?? null,
    });
  }
  return { mime: detected.mime, ext: match.ext, size: bytes.byteLength };
}

export function newProofKey(orderId: string, ext: CheckedProof["ext"]): string {
  return `proofs/${orderId}/${randomUUID()}.${ext}`;
}
