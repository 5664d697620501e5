// The secret behind a magic link or a browser credential: 32 random bytes shown once (base64url, 43
// characters); only its SHA-256 is stored. Hashes travel to SQL as hex, which every driver passes unchanged.
import { createHash, randomBytes } from "node:crypto";

export const accessSecretPattern = /^[A-Za-z0-9_-]{43}$/;

/** The stored form: SHA-256 of the secret (32 bytes). */
export function hashToken(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret).digest());
}

/** The same, as hex for SQL parameters (`decode($n, 'hex')`). */
export function hashTokenHex(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A fresh secret and the hex SHA-256 to store. */
export function newOrderAccessToken(): { token: string; hashHex: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hashHex: hashTokenHex(token) };
}
