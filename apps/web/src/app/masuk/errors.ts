// next-auth's error codes (in ?error= and in signIn's result) → our message keys under auth.errors.
const known = ["Verification", "EmailSignin", "SessionRequired", "TooMany"] as const;
export type SignInErrorKey = (typeof known)[number] | "Default";

export function signInErrorKey(code: string | null | undefined): SignInErrorKey {
  return known.find((key) => key === code) ?? "Default";
}
