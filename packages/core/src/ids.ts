// The one UUID check, for ids that come from outside (URLs, payloads) before they reach a uuid column, where
// PostgreSQL would refuse a malformed one with an error instead of "not found".
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}
