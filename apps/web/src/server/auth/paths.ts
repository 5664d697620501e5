// Where sign-in lives and where signed-in users go, shared by pages, next-auth and the guards.
export const signInPath = "/masuk";
/** The host workspace's root; it sends a host without a profile on to onboarding. */
export const workspacePath = "/host";
export const onboardingPath = "/host/onboarding";

/** A same-site path to return to after sign-in, or the workspace (no open redirects to other sites). */
export function safeReturnPath(value: string | undefined | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return workspacePath;
  return value;
}
