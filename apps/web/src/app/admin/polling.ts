/** The admin pages poll: short enough to watch a retry land, cheap enough for a phone left open. */
export const adminRefetchMs = 5_000;
