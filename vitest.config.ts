import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // mc's own suite is test/ (`npm test` runs vitest with --dir test); a test a user keeps in
    // a folder of their own (`npx vitest run mine/`) is found too (issue 18 §4)
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.git/**", "test/output/**"],
    testTimeout: 60_000,
    pool: "forks",
    // every temp folder a test makes is inside one folder per run, removed after the run
    globalSetup: ["./test/support/temp-run.ts"],
    reporters: ["default", "./test/support/plain-summary.ts"],
  },
});
