import { generateKeyPairSync, randomUUID, verify } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createDfnsClient, createIntercomClient, createKeySigner } from "../../src/index.js";
import { sendJson, startRecordingServer } from "../helpers/http.js";

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const joe = { type: "user", id: "5714dd359a3fd47136000001", user_id: "25", anonymous: false, email: "email@example.com", phone: "555671243", name: "Joe Example", pseudonym: null };

describe("the Intercom client", () => {
  it.each([
    ["bearer", "Bearer tok_123"],
    ["basic", `Basic ${Buffer.from("tok_123:").toString("base64")}`],
  ] as const)("sends the token as %s auth, asks for JSON and returns the typed user", async (auth, authorization) => {
    const server = await startRecordingServer((_request, response) => sendJson(response, 200, joe));
    servers.push(server);
    const client = createIntercomClient({ baseUrl: server.url, token: "tok_123", auth, intercomVersion: "1.3" });

    const { data, response } = await client.DELETE("/users", { params: { query: { user_id: "25" } } });

    expect(response.status).toBe(200);
    expect(data?.user_id).toBe("25");
    expect(server.requests).toMatchObject([
      {
        method: "DELETE",
        url: "/users?user_id=25",
        headers: { authorization, accept: "application/json", "intercom-version": "1.3" },
      },
    ]);
  });
});

describe("the Dfns client", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });

  /** A minimal signing server: it checks the signature against the challenge it issued. */
  async function signingServer() {
    const challenges = new Map<string, { challenge: string; method: string; path: string; payload: string }>();
    const tokens = new Map<string, { method: string; path: string; payload: string }>();
    const server = await startRecordingServer((request, response) => {
      if (request.url === "/auth/action/init") {
        const body = JSON.parse(request.body);
        const challengeIdentifier = randomUUID();
        const challenge = randomUUID();
        challenges.set(challengeIdentifier, { challenge, method: body.userActionHttpMethod, path: body.userActionHttpPath, payload: body.userActionPayload });
        return sendJson(response, 200, {
          challenge,
          challengeIdentifier,
          supportedCredentialKinds: [{ kind: "Key", factor: "first", requiresSecondFactor: false }],
          userVerification: "required",
          attestation: "direct",
          allowCredentials: { key: [{ type: "public-key", id: "cred-1" }], webauthn: [] },
          externalAuthenticationUrl: "",
        });
      }
      if (request.url === "/auth/action") {
        const body = JSON.parse(request.body);
        const issued = challenges.get(body.challengeIdentifier)!;
        const clientData = Buffer.from(body.firstFactor.credentialAssertion.clientData, "base64url");
        const signature = Buffer.from(body.firstFactor.credentialAssertion.signature, "base64url");
        const valid = verify("sha256", clientData, { key: publicKey, dsaEncoding: "der" }, signature);
        if (!valid || JSON.parse(clientData.toString()).challenge !== issued.challenge) {
          return sendJson(response, 403, { error: { message: "user action signature is missing or invalid" } });
        }
        const userAction = randomUUID();
        tokens.set(userAction, issued);
        return sendJson(response, 200, { userAction });
      }
      const bound = tokens.get(String(request.headers["x-dfns-useraction"]));
      if (!bound || bound.method !== request.method || bound.path !== request.url || bound.payload !== request.body) {
        return sendJson(response, 403, { error: { message: "user action signature is missing or invalid" } });
      }
      return sendJson(response, 200, { userId: "us-a-b-c", isActive: false });
    });
    servers.push(server);
    return server;
  }

  it.each([
    ["with the body {} (TypeScript SDK)", { body: {} }, "{}"],
    ["without a body (Go and Python SDKs)", {}, ""],
  ])("archives a user in one call %s: init → sign → action → DELETE", async (_how, bodyOption, payload) => {
    const server = await signingServer();
    const client = createDfnsClient({
      baseUrl: server.url,
      token: "dfns-token",
      signer: createKeySigner({ credId: "cred-1", privateKey }),
    });

    const { data, response } = await client.DELETE("/auth/users/{userId}", {
      params: { path: { userId: "us-a-b-c" } },
      ...bodyOption,
    });

    expect(response.status).toBe(200);
    expect(data?.isActive).toBe(false);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /auth/action/init",
      "POST /auth/action",
      "DELETE /auth/users/us-a-b-c",
    ]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      userActionPayload: payload,
      userActionHttpMethod: "DELETE",
      userActionHttpPath: "/auth/users/us-a-b-c",
    });
    for (const request of server.requests) expect(request.headers.authorization).toBe("Bearer dfns-token");
  });

  it("sends the seed-era headers when given an app id, with a fresh nonce on every request", async () => {
    const server = await signingServer();
    const client = createDfnsClient({
      baseUrl: `${server.url}/`,
      token: "dfns-token",
      appId: "ap-1-2-3",
      signer: createKeySigner({ credId: "cred-1", privateKey }),
    });
    await client.DELETE("/auth/users/{userId}", { params: { path: { userId: "us-a-b-c" } } });

    const nonces = server.requests.map((request) => String(request.headers["x-dfns-nonce"]));
    expect(new Set(nonces).size).toBe(3);
    for (const request of server.requests) expect(request.headers["x-dfns-appid"]).toBe("ap-1-2-3");
    expect(JSON.parse(Buffer.from(nonces[0]!, "base64url").toString())).toEqual({ uuid: expect.any(String), date: expect.any(String) });
  });

  it("answers the call with the signing step's error when signing fails", async () => {
    const server = await signingServer();
    const wrongKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const client = createDfnsClient({ baseUrl: server.url, token: "t", signer: createKeySigner({ credId: "cred-1", privateKey: wrongKey }) });

    const { error, response } = await client.DELETE("/auth/users/{userId}", { params: { path: { userId: "us-a-b-c" } } });

    expect(response.status).toBe(403);
    expect(error).toEqual({ error: { message: "user action signature is missing or invalid" } });
    expect(server.requests.map((request) => request.url)).toEqual(["/auth/action/init", "/auth/action"]);
  });

  it("does not sign reads, and refuses a state-changing call without a signer", async () => {
    const server = await startRecordingServer((_request, response) => sendJson(response, 200, { items: [] }));
    servers.push(server);
    const client = createDfnsClient({ baseUrl: server.url, token: "t" });
    await client.GET("/auth/users");
    expect(server.requests.map((request) => request.url)).toEqual(["/auth/users"]);
    await expect(client.DELETE("/auth/users/{userId}", { params: { path: { userId: "us-a-b-c" } } })).rejects.toThrow(
      /needs a user action signature: pass a signer/,
    );
  });
});
