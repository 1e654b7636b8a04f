import { defineConfig } from "vitest/config";

/** The reference behaviour tests, run a second time over MSW's transport (test/helpers/reference-transport.ts). */
const REFERENCE_BEHAVIOUR = ["test/reference/intercom.test.ts", "test/reference/dfns.test.ts", "test/reference/faults.test.ts", "test/reference/admin-respond.test.ts"];

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    // Three files at once on the 2-core CI machine: most tests wait on the CLI processes and servers
    // they start, or on a server that hangs on purpose, so fewer workers leave a core idle (quiet:
    // 216 s with three, 246 s with two, 384 s with four when measured before the shared modules).
    maxWorkers: 3,
    // The files of one worker share loaded modules: each file re-importing the kit through vitest's
    // transform cost 37 s of a 331 s run (279 s shared). A test that sets process-wide state (a
    // global, a spy) restores it before it ends.
    isolate: false,
    // Hang guards, not speed limits: a test that passes in 30 s on a quiet machine must pass on one
    // at four times its cores' load (another npm test beside it), so no test may need less than this.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "node", include: ["test/**/*.test.ts", "examples/**/*.test.ts"] } },
      { extends: true, test: { name: "msw-transport", include: REFERENCE_BEHAVIOUR, env: { ARCHIVE_KIT_REFERENCE_TRANSPORT: "msw" } } },
    ],
  },
});
