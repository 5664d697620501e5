// How long a failing notification is retried, and how often. A provider outage (an expired Meta token, a
// Fonnte account out of credit) can last hours; graphile-worker's backoff would give up after its max_attempts
// or wait up to 6 h between tries. notify:send instead retries for `retryForMs` from the creation of its job
// (a re-send makes a new job, so a new period), waiting 10 s, 20 s, 40 s ... up to `maxIntervalMs` between
// tries. Then the outbox row is marked `failed` and can be re-sent (core's resendFailedNotification).

export interface RetryPolicy {
  retryForMs: number;
  maxIntervalMs: number;
}

const firstIntervalMs = 10_000;

/** When to try again after the `attempts`-th failed attempt (1-based). */
export function nextTryAt(attempts: number, policy: RetryPolicy, now = Date.now()): Date {
  const doubling = firstIntervalMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30);
  return new Date(now + Math.min(doubling, policy.maxIntervalMs));
}

/** True when the retry period of a job created at `jobCreatedAt` is over. */
export function retryPeriodOver(jobCreatedAt: Date, policy: RetryPolicy, now = Date.now()): boolean {
  return now - jobCreatedAt.getTime() >= policy.retryForMs;
}
