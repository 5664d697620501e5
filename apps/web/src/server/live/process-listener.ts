import "server-only";
import { env } from "../../env";
import { processWide } from "../process-wide";
import { createOrderChangeListener, type OrderChangeListener } from "./listener";

/**
 * This process's one LISTEN connection, opened by the first subscriber (a process that never serves a live
 * page holds none), on DIRECT_URL when set: LISTEN needs a session, which a transaction-mode pooler lacks.
 */
export function processOrderChanges(): OrderChangeListener {
  return processWide("orderChangeListener", () =>
    createOrderChangeListener({ connectionString: env.DIRECT_URL ?? env.DATABASE_URL }),
  );
}
