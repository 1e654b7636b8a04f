import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    // Two files at once on the 2-core CI machine: most tests wait on the CLI processes and servers
    // they start, so the default (cores - 1 = one file at a time) leaves a core idle most of the run.
    maxWorkers: 2,
    // Hang guards, not speed limits: a test that passes in 30 s on a quiet machine must pass on one
    // at four times its cores' load (another \`npm test\` beside it), so no test may need less than this.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
