import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native or wasm-loading server packages stay as plain Node requires, outside the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "@tiptap/html",
    "happy-dom",
    "sharp",
    "mammoth",
    // One copy in the process: its limiters are kept on globalThis and shared by every route, and a
    // refusal is told apart by its class (instanceof RateLimiterRes), which a second bundled copy breaks.
    "rate-limiter-flexible",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
  // forbidden() renders app/forbidden.tsx with status 403 for refused back-office pages.
  // The proxy reads server-action bodies (proxy.ts); it must see as much as an action accepts,
  // or Next.js would cut the body short for the action too.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "20mb" }, proxyClientMaxBodySize: "20mb" },
};

export default nextConfig;
