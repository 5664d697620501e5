/** The same keys as `T`, any strings as values: English must mirror the Indonesian messages exactly. */
export type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

type Tree = { [key: string]: string | Tree };

export function bilingual<const T extends Tree>(id: T, en: SameShape<T>): { id: T; en: SameShape<T> } {
  return { id, en };
}
