import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules (Core Web Vitals and TypeScript). Import cycles and the layer order are
// checked by dependency-cruiser (.dependency-cruiser.cjs), which resolves the whole graph once
// instead of once per file as import/no-cycle does.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    "node_modules/**",
    ".next/**",
    "lib/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "coverage/**",
    ".data/**",
    "next-env.d.ts",
  ]),
]);
