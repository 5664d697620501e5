// PostgreSQL refuses to run as root. As root (containers, CI) it runs as the `postgres` user, who must be able
// to reach its binaries and its data folder. A checkout in root's home (mode 700) hides both from that user,
// so its binaries run from a copy in a shared folder and its data folder moves there too. The user's own
// folders are never opened up.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import {
  chmod,
  chown,
  copyFile,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunAs {
  uid: number;
  gid: number;
}

/** An error that says what to do in one line; callers print its message without a stack trace. */
export class EmbeddedSetupError extends Error {}

function userIds(name: string): RunAs | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, name], { encoding: "utf8", stdio: "pipe" }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/** The user PostgreSQL runs as: undefined (this process's user) unless this process is root. */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = userIds("postgres");
  if (existing) return existing;
  try {
    spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" }); // fails harmlessly if it exists
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"], {
      stdio: "pipe",
    });
  } catch {
    // falls through to the message below
  }
  const created = userIds("postgres");
  if (created) return created;
  throw new EmbeddedSetupError(
    "PostgreSQL cannot run as root and no `postgres` user could be created: create one (useradd postgres), run as a normal user, or set DATABASE_URL.",
  );
}

/** Whether `runAs` can reach (search) this folder, asked of the system itself (modes, ACLs, every parent). */
export function canReach(dir: string, runAs: RunAs): boolean {
  return spawnSync("test", ["-x", dir], { ...runAs, stdio: "ignore" }).status === 0;
}

/**
 * A folder the postgres user can reach. For what is kept (copies of the binaries, data folders that cannot
 * stay where asked) /var/tmp first: it survives reboots, and is usually on the checkout's file system (hard
 * links). For throw-away clusters the system's temporary folder, as for anyone else.
 */
export function sharedFolder(runAs: RunAs | undefined, kept = true): string {
  if (!runAs) return tmpdir();
  const candidates = kept ? ["/var/tmp", tmpdir(), "/tmp"] : [tmpdir(), "/var/tmp", "/tmp"];
  const found = candidates.find((dir) => existsSync(dir) && canReach(dir, runAs));
  if (!found) throw new EmbeddedSetupError("No folder the postgres user can reach: set DATABASE_URL.");
  return found;
}

/** A folder this process made earlier, not one planted in a shared folder by another user. */
async function assertOurs(dir: string, owners: number[]): Promise<void> {
  const stat = await lstat(dir);
  if (!stat.isDirectory() || !owners.includes(stat.uid) || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedSetupError(
      `${dir} belongs to someone else or is writable by others: remove it and retry.`,
    );
  }
}

/** Hard links where the file system allows (instant, no extra space), copies elsewhere. */
export async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await chmod(to, 0o755); // whatever root's umask: the postgres user must get through
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}

/**
 * The platform package's folder, or, when `runAs` cannot reach its binaries, a copy of it in the shared folder
 * keyed by version and built under a temporary name, then renamed: concurrent starts never see half a copy.
 */
export async function reachablePackageDir(
  packageDir: string,
  postgresBin: string,
  runAs: RunAs,
): Promise<string> {
  if (canReach(postgresBin, runAs)) return packageDir;
  const { name, version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
  const copy = path.join(sharedFolder(runAs), `nitip${name.replace(/\W+/g, "-")}-${version}`);
  const copiedBin = path.join(copy, path.relative(packageDir, postgresBin));
  if (existsSync(copy)) {
    await assertOurs(copy, [0]);
    if (existsSync(copiedBin)) return copy;
    await rm(copy, { recursive: true, force: true }); // emptied by a temp-folder cleaner
  }
  const staging = await mkdtemp(`${copy}.partial-`);
  try {
    await linkTree(packageDir, staging);
    await rename(staging, copy);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(copiedBin)) throw error; // else another process finished the same copy first
  }
  return copy;
}

/**
 * The data folder, created: where asked if `runAs` can reach it there, else a folder in the shared folder keyed
 * by the asked path (so the same checkout finds its data again). Owned by `runAs`, as PostgreSQL requires.
 */
export async function reachableDataDir(asked: string, runAs: RunAs): Promise<string> {
  await mkdir(asked, { recursive: true });
  let dataDir = asked;
  // The folder itself is handed to runAs below; what must let it through are the folders above.
  if (!canReach(path.dirname(asked), runAs)) {
    const key = createHash("sha256").update(asked).digest("hex").slice(0, 12);
    dataDir = path.join(sharedFolder(runAs), `nitip-postgres-${key}`);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await assertOurs(dataDir, [0, runAs.uid]);
  }
  await chown(dataDir, runAs.uid, runAs.gid);
  return dataDir;
}
