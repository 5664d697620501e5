// The `log` provider: real code, no network. It "sends" by writing a log line (recipient masked, no body:
// the body may hold a magic link) and returns a `log:<uuid>` id; the outbox row keeps the template key and
// params, which is what a dev page re-renders.
import { randomUUID } from "node:crypto";
import { type AppLogger, maskRecipient } from "../logger.ts";
import type { NotificationProvider, OutgoingMessage, SendResult } from "./types.ts";

export function createLogProvider(log: AppLogger): NotificationProvider {
  return {
    name: "log",
    async send(message: OutgoingMessage): Promise<SendResult> {
      const providerMessageId = `log:${randomUUID()}`;
      log.info(
        {
          provider: "log",
          channel: message.channel,
          to: maskRecipient(message.to),
          template: message.templateKey,
          outboxId: message.outboxId,
          chars: message.text.length,
          providerMessageId,
        },
        "notification delivered to the log provider",
      );
      return { providerMessageId };
    },
  };
}
