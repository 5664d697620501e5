// POST /api/orders/<code>/proofs: the guest's payment proof as multipart/form-data (one field, `file`). The
// same browser credential as the guest procedures authorises it, and the same limit as opening order links
// counts it. The body is counted while it streams in and abandoned past the limit, so a huge upload costs at
// most the limit in memory. Which proof it is follows from the order: the DP while it waits for one, the final
// payment once the host's invoice is out. Core checks the bytes (type, size) before anything is stored.
import {
  DomainError,
  maxProofBytes,
  type ProofStorage,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { toTRPCError } from "./api/errors";
import { type GuestCookie, heldOrderByCode, notYourOrder } from "./guest-access";
import { isRateLimitedError, type RateLimits } from "./rate-limit";

/** Room for the multipart boundaries and part headers around a file at the limit. */
const multipartOverhead = 16 * 1024;
export const maxUploadBodyBytes = maxProofBytes + multipartOverhead;

const tooLarge = `The file is larger than ${maxProofBytes / (1024 * 1024)} MB; choose a smaller photo or a screenshot of the transfer.`;

export interface ProofUploadInput {
  db: Db;
  storage: ProofStorage;
  request: Request;
  orderCode: string;
  guestCookie: GuestCookie;
  /** Absent in callers that are not limited (some tests). */
  rateLimits?: RateLimits;
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const refuse = (status: number, message: string) => answer(status, { error: { message } });

/** The body as a stream that errors once more than `limit` bytes have passed. */
function bounded(body: ReadableStream<Uint8Array>, limit: number, onOverflow: () => void) {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          onOverflow();
          controller.error(new Error("body over the limit"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/** The `file` part of a multipart body read within the limit, or the refusal to send. */
async function readProofFile(request: Request): Promise<Uint8Array | Response> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return refuse(415, "Send the proof as multipart/form-data with the file in a field named `file`.");
  }
  if (Number(request.headers.get("content-length") ?? "0") > maxUploadBodyBytes) return refuse(413, tooLarge);
  if (!request.body) return refuse(400, "The request has no body; attach the proof in a field named `file`.");
  let overflowed = false;
  const limited = new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: bounded(request.body, maxUploadBodyBytes, () => {
      overflowed = true;
    }),
    duplex: "half",
  } as RequestInit);
  let form: FormData;
  try {
    form = await limited.formData();
  } catch {
    if (overflowed) return refuse(413, tooLarge);
    return refuse(
      400,
      "The upload could not be read as multipart/form-data; choose the file and send it again.",
    );
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) return refuse(400, "Attach the proof in a field named `file`.");
  return new Uint8Array(await file.arrayBuffer());
}

function domainRefusal(error: DomainError): Response {
  const status = getHTTPStatusCodeFromError(
    toTRPCError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error })),
  );
  return answer(status, { error: { message: error.message, code: error.code } });
}

export async function uploadGuestProof(input: ProofUploadInput): Promise<Response> {
  const { db, request } = input;
  try {
    if (input.rateLimits) {
      await input.rateLimits.consume("tokenLookupPerIp", input.rateLimits.clientIp(request.headers));
    }
    const order = await heldOrderByCode(db, request.headers, input.guestCookie, input.orderCode);
    if (!order) return refuse(401, notYourOrder);
    const file = await readProofFile(request);
    if (file instanceof Response) return file;
    const submit = order.status === "pending_dp" ? submitDownPaymentProof : submitFinalPaymentProof;
    const result = await submit(db, input.storage, { orderId: order.orderId, file });
    return answer(201, { status: result.status, paymentId: result.paymentId });
  } catch (error) {
    if (isRateLimitedError(error)) {
      const retryAfter = { "Retry-After": String(error.retryAfterSeconds) };
      return answer(429, { error: { message: error.message } }, retryAfter);
    }
    if (error instanceof DomainError) return domainRefusal(error);
    throw error;
  }
}
