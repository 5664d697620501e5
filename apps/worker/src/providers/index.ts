// Picks the providers from configuration: one for WhatsApp, one for email.
import type { WorkerEnv } from "../env.ts";
import type { AppLogger } from "../logger.ts";
import { createEmailProvider } from "./email.ts";
import { createFonnteProvider } from "./fonnte.ts";
import { createLogProvider } from "./log.ts";
import { createMetaProvider } from "./meta.ts";
import type { Channel, NotificationProvider } from "./types.ts";

export type Providers = Record<Channel, NotificationProvider>;

export function createProviders(env: WorkerEnv, log: AppLogger): Providers {
  const timeoutMs = env.NOTIFY_TIMEOUT_MS;
  const whatsapp = (() => {
    switch (env.NOTIFY_PROVIDER) {
      case "meta":
        return createMetaProvider({
          baseUrl: env.META_BASE_URL,
          phoneNumberId: env.META_PHONE_NUMBER_ID ?? "",
          accessToken: env.META_ACCESS_TOKEN ?? "",
          timeoutMs,
        });
      case "fonnte":
        return createFonnteProvider({
          baseUrl: env.FONNTE_BASE_URL,
          token: env.FONNTE_TOKEN ?? "",
          timeoutMs,
        });
      default:
        return createLogProvider(log);
    }
  })();
  const email =
    env.NOTIFY_PROVIDER === "log" && !env.SMTP_URL
      ? createLogProvider(log)
      : createEmailProvider({ smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM, timeoutMs }, log);
  return { whatsapp, email };
}

export * from "./types.ts";
