// graphile-worker's typed task payloads, derived from the catalog, so `addJob("order:expire-dp", ...)` and
// task handlers are checked against the same schemas.
import type { JobName, JobPayload } from "./catalog.ts";

type CatalogTasks = { [Name in JobName]: JobPayload<Name> };

declare global {
  namespace GraphileWorker {
    interface Tasks extends CatalogTasks {}
  }
}
