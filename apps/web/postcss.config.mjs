// Tailwind CSS 4 runs as a PostCSS plugin under Next (Turbopack); `@import "tailwindcss"` in globals.css.
export default { plugins: { "@tailwindcss/postcss": {} } };
