// Field limits shared by core's rules and the web forms' zod schemas. No imports: safe in browser bundles
// (`@nitip/core/limits`), so a form and the server can never disagree on a bound.

/** 3-40 characters: lowercase letters, digits and single dashes, not starting or ending with a dash. */
export const hostSlugPattern = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,39}$/;

export const limits = {
  displayName: { min: 2, max: 60 },
  bankAccounts: { min: 1, max: 5 },
  tripTitle: { min: 3, max: 100 },
  destination: { min: 2, max: 80 },
  dpPercent: { min: 10, max: 90 },
  dpWindowMinutes: { min: 10, max: 1440 },
  productName: { min: 2, max: 120 },
  description: { max: 1000 },
  price: { min: 1_000, max: 100_000_000 },
  maxPerOrder: { min: 1, max: 99 },
  stock: { min: 0, max: 100_000 },
  imageUrl: { max: 500 },
} as const;
