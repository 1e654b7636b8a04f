import { describe, expect, it } from "vitest";
import { credentialHelp, declaredCredentials, secretCredentialValues } from "../../src/conformance/credentials.js";
import { apiRegistry } from "../../src/wiring.js";
import { run } from "../../src/cli/program.js";

describe("credentials declared by the API plugins", () => {
  const dfns = apiRegistry().get("dfns").conformance;
  const dfnsCredentialsFrom = (flags: Record<string, string>, env: NodeJS.ProcessEnv) => declaredCredentials("dfns", dfns.credentials, flags, env);

  it("takes a flag over its variable, and a variable that holds something else under its own key", () => {
    const fromFlags = dfnsCredentialsFrom({ "--dfns-token": "flag-token", "--dfns-private-key": "key.pem" }, { DFNS_TOKEN: "env-token", DFNS_PRIVATE_KEY: "PEM TEXT" });
    expect(fromFlags).toMatchObject({ token: "flag-token", privateKeyFile: "key.pem", privateKey: undefined });
    const fromEnv = dfnsCredentialsFrom({}, { DFNS_TOKEN: "env-token", DFNS_PRIVATE_KEY: "PEM TEXT", DFNS_APP_ID: "ap-1" });
    expect(fromEnv).toMatchObject({ token: "env-token", privateKeyFile: undefined, privateKey: "PEM TEXT", appId: "ap-1" });
  });

  it("names the variable and the flag of a missing required credential", () => {
    expect(() => declaredCredentials("x", [{ name: "token", flag: "--x-token", valueName: "token", env: "X_TOKEN", help: "X token", secret: true, required: "access token" }], {}, {})).toThrow(
      "verify x: no access token — set X_TOKEN or pass --x-token",
    );
  });

  it("redacts secret values but not a key's file path", () => {
    const credentials = { token: "tok-123456", privateKeyFile: "/keys/k.pem", privateKey: "PEM-TEXT-VALUE", credentialId: "cr-1" };
    expect(secretCredentialValues(dfns.credentials, credentials).sort()).toEqual(["PEM-TEXT-VALUE", "tok-123456"]);
  });

  it("offers every declared credential as a verify flag with its variable in --help", async () => {
    const lines: string[] = [];
    await run(["verify", "--help"], { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    const help = lines.join("\n").replace(/\s+/g, " ");
    for (const plugin of apiRegistry().plugins) {
      for (const declaration of plugin.conformance.credentials) {
        expect(help).toContain(`${declaration.flag} <${declaration.valueName}>`);
        expect(help).toContain(credentialHelp(declaration).replace(/\s+/g, " "));
      }
    }
  });
});
