import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // mc's own suite is test/ (`npm test` runs vitest with --dir test); a test a user keeps in
    // a folder of their own (`npx vitest run mine/`) is found too (issue 18 §4)
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.git/**", "test/output/**"],
    testTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./test/support/plain-summary.ts"],
  },
});
