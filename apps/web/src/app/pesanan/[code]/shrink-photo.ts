// A photo straight from a phone camera is often over the 5 MB limit. Before uploading, such a JPEG, PNG or
// WebP is redrawn in the browser at most 2560 px on its longest side as a JPEG, which keeps a transfer
// receipt readable at a fraction of the size. Anything else is sent as chosen (the server judges it).
const longestSide = 2560;
const shrinkable = new Set(["image/jpeg", "image/png", "image/webp"]);

export async function shrinkPhoto(file: File, maxBytes: number): Promise<File> {
  if (file.size <= maxBytes || !shrinkable.has(file.type)) return file;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, longestSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
  if (!blob) return file;
  return new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" });
}
