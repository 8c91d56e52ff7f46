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
};

export default nextConfig;
