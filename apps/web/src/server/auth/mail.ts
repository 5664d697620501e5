// The sign-in email: by SMTP when SMTP_URL is set, else to the dev mailbox (and a log line). With neither
// (production without SMTP) sending fails loudly, because a sign-in link that goes nowhere locks hosts out.
import { redactText } from "@nitip/core";
import nodemailer from "nodemailer";
import { env } from "../../env";
import { deliverToDevMailbox, devMailboxEnabled } from "./dev-mailbox";

export interface SignInMail {
  to: string;
  url: string;
}

function compose({ url }: SignInMail): { subject: string; text: string } {
  return {
    subject: "Masuk ke Nitip / Sign in to Nitip",
    text: [
      "Klik tautan ini untuk masuk ke Nitip (berlaku 24 jam, sekali pakai):",
      url,
      "",
      "Click this link to sign in to Nitip (valid for 24 hours, once):",
      url,
      "",
      "Tidak meminta tautan ini? Abaikan email ini. / Did not ask for it? Ignore this email.",
    ].join("\n"),
  };
}

let smtp: nodemailer.Transporter | undefined;

export async function sendSignInMail(mail: SignInMail): Promise<void> {
  const { subject, text } = compose(mail);
  if (env.SMTP_URL) {
    smtp ??= nodemailer.createTransport(env.SMTP_URL, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    await smtp.sendMail({ from: env.EMAIL_FROM, to: mail.to, subject, text });
    return;
  }
  if (!devMailboxEnabled()) {
    throw new Error("Cannot send the sign-in email: set SMTP_URL (see README, configuration).");
  }
  deliverToDevMailbox({ to: mail.to, subject, text, url: mail.url });
  // The link opens an account: it is written to the log only by a development server, and marked so.
  if (env.NODE_ENV === "development") {
    console.warn(`[auth] DEVELOPMENT ONLY, sign-in link for ${mail.to}: ${mail.url}`);
  } else {
    console.warn(`[auth] sign-in email for ${redactText(mail.to)} kept in the dev mailbox (/dev/mailbox)`);
  }
}
