// All UI text, one file per area under this folder. Each file exports `{ id, en }` built with
// `bilingual`, so the English messages must have exactly the Indonesian shape (a missing or extra key is a
// type error). Add a namespace: create `<area>.ts`, then list it below.
import type { Locale } from "../config";
import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { host } from "./host";
import { live } from "./live";
import { order } from "./order";
import { trip } from "./trip";
import { validation } from "./validation";

const namespaces = { common, auth, validation, host, admin, trip, live, order };

type Namespaces = typeof namespaces;
export type Messages = { [K in keyof Namespaces]: Namespaces[K]["id"] };

export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(
    Object.entries(namespaces).map(([name, texts]) => [name, texts[locale]]),
  ) as Messages;
}
