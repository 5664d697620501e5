// One interface for every way Nitip sends a message. A provider either returns the provider's message id or
// throws a ProviderError that says whether trying again can help.
export type Channel = "whatsapp" | "email";

export interface OutgoingMessage {
  channel: Channel;
  /** E.164 phone number or email address. */
  to: string;
  /** Email only. */
  subject?: string;
  text: string;
  /** For providers (and the log) that want to tag the message. */
  templateKey: string;
  outboxId: string;
}

export interface SendResult {
  providerMessageId: string;
}

export interface NotificationProvider {
  readonly name: string;
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult>;
}

/** `permanent`: the same request will never succeed (invalid number, rejected template). */
export type ProviderErrorKind = "permanent" | "transient";

export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  constructor(kind: ProviderErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
  }
}

/**
 * fetch with an abort timeout: a provider that hangs costs one failed (transient) attempt, not a stuck job.
 * `outer` is graphile-worker's abort signal, so a shutdown also cancels the request.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  outer: AbortSignal,
): Promise<Response> {
  const signal = AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]);
  try {
    return await fetch(url, { ...init, signal });
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : "network error";
    throw new ProviderError("transient", `${new URL(url).host}: ${reason}`, { cause: error });
  }
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { raw: text.slice(0, 200) };
  }
}
