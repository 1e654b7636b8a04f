/** The credentials of the references' fixtures, as a user passes them to `fuzz --base-url` (environment and flags). */
export const REFERENCE_CREDENTIALS: Record<"intercom" | "dfns", { env: NodeJS.ProcessEnv; flags: string[] }> = {
  intercom: { env: { INTERCOM_TOKEN: "test-only-intercom-token" }, flags: [] },
  dfns: {
    env: { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" },
    flags: ["--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--dfns-app-id", "ap-38o5u-nsa4s-8a4ne8dcjhu2fpvt"],
  },
};
