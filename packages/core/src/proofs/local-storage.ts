// Proofs on the local disk, in a directory outside the web root (default `.storage/` at the repo root).
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertProofKey, type ProofStorage } from "./storage.ts";

const mimeByExtension: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pdf: "application/pdf",
};

/** The nearest folder above `from` holding pnpm-workspace.yaml, i.e. the repo root. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(/*turbopackIgnore: true*/ from);
  while (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
  return dir;
}

export function createLocalProofStorage(
  options: { directory?: string } = {},
): ProofStorage & { directory: string } {
  // turbopackIgnore: these are runtime paths; without the hint Next traces the whole repo into its output.
  const directory = path.resolve(
    /*turbopackIgnore: true*/ options.directory ??
      path.join(/*turbopackIgnore: true*/ findRepoRoot(), ".storage"),
  );
  const fileFor = (key: string) => {
    assertProofKey(key);
    return path.join(/*turbopackIgnore: true*/ directory, key);
  };
  return {
    directory,
    async put(key, bytes) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      // `wx`: a key is written once; a collision is a bug, not an overwrite.
      await writeFile(file, bytes, { flag: "wx" });
    },
    async get(key) {
      try {
        const bytes = await readFile(fileFor(key));
        return { bytes: new Uint8Array(bytes), mime: mimeByExtension[path.extname(key).slice(1)] ?? "" };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
  };
}
