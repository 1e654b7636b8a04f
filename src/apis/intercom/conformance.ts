import { describeAnswer, SetupFailed, type ConformanceAdapter } from "../../conformance/api.js";
import { callerCredential, caseAuth } from "../../conformance/case-auth.js";
import { caseHeaders, requestBody, requestTarget } from "../../conformance/request.js";

export interface IntercomCredentials {
  token: string;
}

/** Intercom's part of a conformance run: access-token auth and creating users through `POST /users`. */
export function createIntercomConformance(credentials: IntercomCredentials): ConformanceAdapter {
  const authorization = (auth: string | undefined, variables: Record<string, unknown>): Record<string, string> => {
    const asked = caseAuth(auth, variables);
    switch (asked.kind) {
      case "none":
        return {};
      case "invalid":
        return { Authorization: `Bearer ${asked.token}` };
      case "basic":
        return { Authorization: `Basic ${Buffer.from(`${credentials.token}:`).toString("base64")}` };
      case "default":
        return { Authorization: `Bearer ${credentials.token}` };
      case "caller":
        return { Authorization: `Bearer ${callerCredential(asked, "token")}` };
    }
  };

  return {
    // A user is the run's own when its answer carries the user_id and e-mail sent, and its id reads back the same.
    identity: {
      creates: ["createOrUpdateUser"],
      fields: { user_id: "user_id", email: "email" },
      read: (created) => (typeof created.id === "string" && created.id !== "" ? { method: "GET", path: `/users/${encodeURIComponent(created.id)}` } : undefined),
    },
    // The smallest authenticated answer: a user nobody has is a 404 once the token is accepted.
    async preflight({ send }) {
      const exchange = await send({ method: "GET", target: "/users/archive-kit-preflight", headers: { Accept: "application/json", Authorization: `Bearer ${credentials.token}` }, body: undefined });
      if (exchange.response?.status !== 401 && exchange.response?.status !== 403) return undefined;
      return { refused: "the access token (INTERCOM_TOKEN or --intercom-token)", exchange, fix: "set INTERCOM_TOKEN or pass --intercom-token with an access token of this workspace" };
    },
    async prepare(request, { variables }) {
      const body = requestBody(request);
      const defaults = {
        Accept: "application/json",
        ...authorization(request.auth, variables),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      };
      return { request: { method: request.method, target: requestTarget(request), headers: caseHeaders(request, defaults), body } };
    },
    async create(body, { send }) {
      const exchange = await send({
        method: "POST",
        target: "/users",
        headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${credentials.token}` },
        body: JSON.stringify(body),
      });
      if (exchange.response?.status !== 200 || !exchange.response.json) {
        throw new SetupFailed(`POST /users answered ${describeAnswer(exchange)}`);
      }
      return exchange.response.json;
    },
  };
}
