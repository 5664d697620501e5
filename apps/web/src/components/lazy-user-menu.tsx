"use client";

import dynamic from "next/dynamic";

/**
 * The account menu, in its own chunk: Radix's dropdown and next-auth's client are only downloaded by a
 * signed-in browser, not by every guest opening a trip page (the root layout's chunks go to every page).
 */
export const LazyUserMenu = dynamic(() => import("./user-menu").then((module) => module.UserMenu));
