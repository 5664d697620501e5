import { env } from "../../env";

/**
 * A user's role for this request: admin when stored so (the demo admin, or set by hand) or when the address
 * is in ADMIN_EMAILS, else host. Read at every request, so editing ADMIN_EMAILS takes effect on restart
 * without touching the database.
 */
export function roleFor(user: { email: string; role: "host" | "admin" }): "host" | "admin" {
  if (user.role === "admin") return "admin";
  return env.ADMIN_EMAILS.includes(user.email.toLowerCase()) ? "admin" : "host";
}
