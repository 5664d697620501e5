import "server-only";
// For server components and layouts under the host workspace: signed out → the sign-in page (and back here
// afterwards); signed in without a host profile → onboarding.
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "../db";
import { onboardingPath, signInPath } from "./paths";
import { getSessionAccount, type SessionAccount } from "./session";

/** This request's account, read once per request however many components ask. */
export const currentAccount = cache(
  async (): Promise<SessionAccount | null> => getSessionAccount(await headers(), getDatabase().prisma),
);

/** The signed-in account, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo = "/host"): Promise<SessionAccount> {
  const account = await currentAccount();
  if (!account) redirect(`${signInPath}?callbackUrl=${encodeURIComponent(returnTo)}`);
  return account;
}

/** A signed-in host with a profile; a host who has not onboarded yet is sent to onboarding. */
export async function requireHost(returnTo = "/host") {
  const account = await requireUser(returnTo);
  const host = await getDatabase().prisma.hostProfile.findUnique({
    where: { userId: account.user.id },
    select: { id: true, displayName: true, slug: true },
  });
  if (!host) redirect(onboardingPath);
  return { ...account, host };
}

/** Admin pages: anyone else gets the 404 page, which says nothing about what is there. */
export async function requireAdmin(returnTo = "/admin"): Promise<SessionAccount> {
  const account = await requireUser(returnTo);
  if (account.user.role !== "admin") notFound();
  return account;
}
