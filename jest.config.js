// One runner for every suite; `npm test` picks the projects in order of cost.
const transform = {
  "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } } } }],
};
const common = {
  transform,
  testEnvironment: "node",
  moduleNameMapper: { "^@pacs/shared$": "<rootDir>/packages/shared/src/index.ts" },
  testPathIgnorePatterns: ["/node_modules/", "/\\.next/", "<rootDir>/apps/web/out/", "<rootDir>/functions/lib/", "<rootDir>/packages/shared/dist/"],
};
const slow = { ...common, setupFilesAfterEnv: ["<rootDir>/tests/support/slow-tests.ts"] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/{packages,functions,apps,tools,tests/unit}/**/*.test.{ts,tsx}"],
    },
    { ...slow, displayName: "rules", testMatch: ["<rootDir>/tests/rules/**/*.test.ts"] },
    { ...slow, displayName: "integration", testMatch: ["<rootDir>/tests/integration/**/*.test.ts"] },
    { ...slow, displayName: "e2e", testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"] },
    { ...slow, displayName: "lifecycle", testMatch: ["<rootDir>/tests/lifecycle/**/*.test.ts"] },
  ],
};
