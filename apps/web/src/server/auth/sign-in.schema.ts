import { z } from "zod";

/** The sign-in form's input: one email address, trimmed and lower-cased (next-auth does the same). */
export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "validation.email" }).max(254)),
});
