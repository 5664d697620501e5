// WhatsApp Cloud API (Meta): POST {base}/{phone-number-id}/messages with a bearer token.
// Classification from Meta's error codes: rate limits (4, 80007, 130429, 131048, 131056) and 5xx retry;
// invalid recipient and template errors (131026, 131030, 132000-132069, 100 with a bad `to`) fail at once.
// 401/403 are treated as transient: a bad token is fixed by an operator, after which the retries succeed.
import type { NotificationProvider, OutgoingMessage, SendResult } from "./types.ts";
import { fetchWithTimeout, ProviderError, readJson } from "./types.ts";

export interface MetaConfig {
  baseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs: number;
}

const rateLimitCodes = new Set([4, 80007, 130429, 131048, 131056]);

interface MetaErrorBody {
  error?: { code?: number; message?: string; error_subcode?: number };
  messages?: { id?: string }[];
}

export function createMetaProvider(config: MetaConfig): NotificationProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/${config.phoneNumberId}/messages`;
  return {
    name: "meta",
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const response = await fetchWithTimeout(
        url,
        {
          method: "POST",
          headers: { authorization: `Bearer ${config.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({
            messaging_product: "whatsapp",
            recipient_type: "individual",
            to: message.to.replace(/^\+/, ""),
            type: "text",
            // No link preview: Meta would fetch the bearer link in the message (a magic link opens an order).
            text: { preview_url: false, body: message.text },
          }),
        },
        config.timeoutMs,
        signal,
      );
      const body = (await readJson(response)) as MetaErrorBody;
      const id = body.messages?.[0]?.id;
      if (response.ok && id) return { providerMessageId: `meta:${id}` };
      const code = body.error?.code;
      const detail = `Meta ${response.status}${code ? ` code ${code}` : ""}: ${body.error?.message ?? "no message id in answer"}`;
      if (
        response.status === 429 ||
        response.status >= 500 ||
        (code !== undefined && rateLimitCodes.has(code))
      ) {
        throw new ProviderError("transient", detail, { status: response.status });
      }
      if (response.status === 401 || response.status === 403 || response.ok) {
        throw new ProviderError("transient", detail, { status: response.status });
      }
      throw new ProviderError("permanent", detail, { status: response.status });
    },
  };
}
