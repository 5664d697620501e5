// Email through nodemailer: SMTP when SMTP_URL is set, otherwise nodemailer's jsonTransport (nothing leaves
// the process; the message id is returned and the log provider's line is written). SMTP 5xx answers
// (mailbox unknown, rejected) fail at once; 4xx and connection errors retry.
import nodemailer from "nodemailer";
import { type AppLogger, maskRecipient } from "../logger.ts";
import type { NotificationProvider, OutgoingMessage, SendResult } from "./types.ts";
import { ProviderError } from "./types.ts";

export interface EmailConfig {
  smtpUrl: string | undefined;
  from: string;
  timeoutMs: number;
}

export function createEmailProvider(config: EmailConfig, log: AppLogger): NotificationProvider {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl, {
        connectionTimeout: config.timeoutMs,
        greetingTimeout: config.timeoutMs,
        socketTimeout: config.timeoutMs,
      })
    : nodemailer.createTransport({ jsonTransport: true });
  const name = config.smtpUrl ? "smtp" : "email-log";
  return {
    name,
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      signal.throwIfAborted();
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject ?? "Nitip",
          text: message.text,
        });
        if (!config.smtpUrl) {
          log.info(
            { provider: name, to: maskRecipient(message.to), outboxId: message.outboxId },
            "email written to the log",
          );
        }
        return { providerMessageId: `${name}:${info.messageId}` };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const kind = code !== undefined && code >= 500 ? "permanent" : "transient";
        throw new ProviderError(kind, `SMTP${code ? ` ${code}` : ""}: ${(error as Error).message}`, {
          status: code,
          cause: error,
        });
      }
    },
  };
}
