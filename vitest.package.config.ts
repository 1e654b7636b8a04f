import { defineConfig } from "vitest/config";

// `npm run test:package`: the packed-package tests, kept out of `npm test` because they pack,
// install from npm's cache or the registry, and run tsc three times.
export default defineConfig({
  test: {
    include: ["test/package/**/*.package-test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
