// Fonnte (an Indonesian WhatsApp gateway): POST {base}/send, form fields, `Authorization: <token>`.
// Fonnte answers 200 with `{ status: false, reason }` for most errors, so the reason is classified:
// an invalid or unregistered target fails at once; token/device/quota problems and 429/5xx retry.
import type { NotificationProvider, OutgoingMessage, SendResult } from "./types.ts";
import { fetchWithTimeout, ProviderError, readJson } from "./types.ts";

export interface FonnteConfig {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

interface FonnteBody {
  status?: boolean;
  reason?: string;
  detail?: string;
  id?: (string | number)[];
}

const permanentReasons = /invalid target|target invalid|not registered|invalid number|number not valid/i;

export function createFonnteProvider(config: FonnteConfig): NotificationProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/send`;
  return {
    name: "fonnte",
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const form = new URLSearchParams({
        target: message.to.replace(/^\+/, ""),
        message: message.text,
        countryCode: "0",
      });
      const response = await fetchWithTimeout(
        url,
        { method: "POST", headers: { authorization: config.token }, body: form },
        config.timeoutMs,
        signal,
      );
      const body = (await readJson(response)) as FonnteBody;
      const id = body.id?.[0];
      if (response.ok && body.status === true && id !== undefined)
        return { providerMessageId: `fonnte:${id}` };
      const detail = `Fonnte ${response.status}: ${body.reason ?? body.detail ?? "no message id in answer"}`;
      if (response.status === 429 || response.status >= 500) {
        throw new ProviderError("transient", detail, { status: response.status });
      }
      if (permanentReasons.test(body.reason ?? "")) {
        throw new ProviderError("permanent", detail, { status: response.status });
      }
      throw new ProviderError("transient", detail, { status: response.status });
    },
  };
}
