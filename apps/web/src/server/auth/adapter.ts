// next-auth's storage for email sign-in and database sessions, over the project's own Prisma client (the
// community Prisma adapter loses its types under Prisma 7's generator). Only what the email provider uses.
// Session tokens are stored as SHA-256 hashes, like every other token in Nitip: a leaked table opens nothing.
import { createHash } from "node:crypto";
import type { Db } from "@nitip/db";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";

export function hashSessionToken(token: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(token).digest());
}

type UserRow = { id: string; email: string; name: string | null; emailVerifiedAt: Date | null };

function toAdapterUser(row: UserRow): AdapterUser {
  return { id: row.id, email: row.email, name: row.name, emailVerified: row.emailVerifiedAt };
}

const userColumns = { id: true, email: true, name: true, emailVerifiedAt: true } as const;

export function createAuthAdapter(db: Db): Adapter {
  return {
    // A first sign-in creates a host (the default role); onboarding then asks for the host's profile.
    async createUser(user: Omit<AdapterUser, "id">) {
      const row = await db.user.create({
        data: { email: user.email.toLowerCase(), emailVerifiedAt: user.emailVerified },
        select: userColumns,
      });
      return toAdapterUser(row);
    },
    async getUser(id) {
      const row = await db.user.findUnique({ where: { id }, select: userColumns });
      return row && toAdapterUser(row);
    },
    async getUserByEmail(email) {
      const row = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: userColumns });
      return row && toAdapterUser(row);
    },
    // Email sign-in links no provider accounts.
    async getUserByAccount() {
      return null;
    },
    async updateUser(user) {
      const row = await db.user.update({
        where: { id: user.id },
        data: { emailVerifiedAt: user.emailVerified ?? undefined },
        select: userColumns,
      });
      return toAdapterUser(row);
    },
    async createSession(session) {
      await db.session.create({
        data: {
          tokenHash: hashSessionToken(session.sessionToken),
          userId: session.userId,
          expiresAt: session.expires,
        },
      });
      return session;
    },
    async getSessionAndUser(sessionToken) {
      const row = await db.session.findUnique({
        where: { tokenHash: hashSessionToken(sessionToken) },
        select: { userId: true, expiresAt: true, user: { select: userColumns } },
      });
      if (!row) return null;
      const session: AdapterSession = { sessionToken, userId: row.userId, expires: row.expiresAt };
      return { session, user: toAdapterUser(row.user) };
    },
    async updateSession(session) {
      const row = await db.session.update({
        where: { tokenHash: hashSessionToken(session.sessionToken) },
        data: { expiresAt: session.expires },
        select: { userId: true, expiresAt: true },
      });
      return { sessionToken: session.sessionToken, userId: row.userId, expires: row.expiresAt };
    },
    // Sign-out: the row goes, so the cookie (wherever it was copied to) opens nothing any more.
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { tokenHash: hashSessionToken(sessionToken) } });
    },
    // `token` arrives already hashed by next-auth (SHA-256 of the emailed token and the secret).
    async createVerificationToken(token) {
      await db.verificationToken.create({
        data: { identifier: token.identifier, tokenHash: token.token, expiresAt: token.expires },
      });
      return token;
    },
    // One use: the row is deleted as it is read, so a second click on the same link finds nothing. An
    // expired row is returned as such; next-auth refuses it ("Verification") by its expiry.
    async useVerificationToken({ identifier, token }) {
      const rows = await db.$queryRaw<Array<{ identifier: string; token_hash: string; expires_at: Date }>>`
        delete from verification_tokens where identifier = ${identifier} and token_hash = ${token}
        returning identifier, token_hash, expires_at`;
      const row = rows[0];
      return row ? { identifier: row.identifier, token: row.token_hash, expires: row.expires_at } : null;
    },
  };
}
