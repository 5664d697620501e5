/**
 * One value per process under `name`, whichever module instance asks. Next bundles each route separately, so
 * a plain module-level value exists once per route bundle; state that must be shared (the registries keyed by
 * the process's one database, held on globalThis in db.ts) lives here instead.
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`nitip.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
