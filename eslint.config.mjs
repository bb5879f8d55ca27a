import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules (Core Web Vitals and TypeScript). Import cycles and the layer order are
// checked by dependency-cruiser (.dependency-cruiser.cjs), which resolves the whole graph once
// instead of once per file as import/no-cycle does.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The public portal navigates by whole documents on purpose: every page is answered from the
    // page cache and works without JavaScript, while <Link> would fetch RSC payloads that bypass
    // the cache (and the purge acknowledgements that keep it exact). The back office keeps the rule.
    files: ["app/(portal)/**", "components/portal/**"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  {
    // Portal pages are plain cached HTML; their images are /api/assets variants already sized on upload.
    files: ["app/(portal)/**", "components/portal/**"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    // Back-office images are session-guarded charts and assets; the image optimizer fetches without the session.
    files: ["app/admin/**", "components/admin/**", "components/editor/**"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    // A leading underscore marks a value left unused on purpose (a destructured field dropped from a copy).
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
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
