// Outside production, sign-in emails land here instead of an SMTP server, so `pnpm dev` lets anyone sign
// in without any setup: /dev/mailbox lists them. Kept in this process's memory (the web server is one
// process in development); the newest 20 only.
import { env } from "../../env";

export interface DevMail {
  to: string;
  subject: string;
  text: string;
  /** The sign-in link itself. */
  url: string;
  sentAt: Date;
}

const holder = globalThis as typeof globalThis & { nitipDevMailbox?: DevMail[] };
const keep = 20;

/** On in development and test; in a production build only with DEV_MAILBOX=1 (browser tests). */
export function devMailboxEnabled(): boolean {
  if (env.DEV_MAILBOX) return env.DEV_MAILBOX === "1";
  return env.NODE_ENV !== "production";
}

export function deliverToDevMailbox(mail: Omit<DevMail, "sentAt">): void {
  holder.nitipDevMailbox ??= [];
  holder.nitipDevMailbox.unshift({ ...mail, sentAt: new Date() });
  holder.nitipDevMailbox.length = Math.min(holder.nitipDevMailbox.length, keep);
}

/** Newest first. */
export function readDevMailbox(): readonly DevMail[] {
  return holder.nitipDevMailbox ?? [];
}
