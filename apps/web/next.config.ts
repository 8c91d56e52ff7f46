import type { NextConfig } from "next";

// A static export: Firebase Hosting serves it, and every page talks to
// Firebase from the browser. /api/** is rewritten to Cloud Functions by
// firebase.json, so the app has one origin in production and locally.
const nextConfig: NextConfig = {
  output: "export",
  trailingSlash: true,
  reactStrictMode: true,
  images: { unoptimized: true },
  transpilePackages: ["@pacs/shared"],
  turbopack: {
    // The shared package's ES module source, not its CommonJS build: zod and
    // the schemas then tree-shake (the CommonJS build pulls in all of zod,
    // with every one of its error-message locales, ~400 KB on every page).
    resolveAlias: { "@pacs/shared": "../../packages/shared/src/index.ts" },
  },
};

export default nextConfig;
