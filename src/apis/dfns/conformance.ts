import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { UserError } from "../../errors.js";
import { describeAnswer, SetupFailed, SkipCase, type ConformanceAdapter, type PrepareContext } from "../../conformance/api.js";
import { callerCredential, caseAuth } from "../../conformance/case-auth.js";
import { caseHeaders, requestBody, requestTarget } from "../../conformance/request.js";
import { lookup } from "../../conformance/template.js";
import type { CaseRequest, Exchange } from "../../conformance/types.js";
import { toBase64Url } from "../../encoding/base64.js";
import type { DfnsCaseRequest } from "./case-request.js";
import { createNonce } from "./nonce.js";
import { createKeySigner, parsePrivateKey, type UserActionChallenge } from "./signer.js";

/** A caller: its token and, to sign user actions, its Key credential. */
export interface DfnsCaller {
  token: string;
  credentialId?: string;
  /** PEM text of the credential's private key. */
  privateKey?: string;
  /** Or the file that holds it. */
  privateKeyFile?: string;
}

export interface DfnsCredentials extends DfnsCaller {
  /** Seed-era application id, sent by steps that ask for `appId`. */
  appId?: string;
}

const FOREIGN_CREDENTIAL_ID = toBase64Url("cr-archive-kit-unknown-credential");

/** Dfns's part of a conformance run: bearer callers, legacy headers and user action signing (and its tamperings). */
export function createDfnsConformance(credentials: DfnsCredentials): ConformanceAdapter {
  const privateKeys = privateKeysParsedOnce();
  const callerFor = (auth: string | undefined, variables: Record<string, unknown>): DfnsCaller | undefined => {
    // Dfns takes bearer tokens only: a Basic form would test nothing it documents.
    const asked = caseAuth(auth, variables, ["basic"]);
    if (asked.kind === "none") return undefined;
    if (asked.kind === "invalid") return { token: asked.token };
    if (asked.kind === "caller") return { ...(asked.caller as Partial<DfnsCaller>), token: callerCredential(asked, "token") };
    return credentials;
  };

  const legacyHeaders = (request: DfnsCaseRequest, context: Pick<PrepareContext, "variables" | "memory">, forSigning: boolean): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (request.appId) headers["X-DFNS-APPID"] = String(credentials.appId ?? lookup(context.variables, "appId"));
    const mode = forSigning ? (request.appId ? "fresh" : undefined) : request.nonce;
    if (mode === "fresh") headers["X-DFNS-NONCE"] = createNonce();
    if (mode === "invalid") headers["X-DFNS-NONCE"] = toBase64Url("not-a-nonce");
    if (mode === "replay") {
      if (!context.memory.nonce) throw new SetupFailed("no earlier nonce to replay");
      headers["X-DFNS-NONCE"] = context.memory.nonce;
    }
    if (!forSigning && headers["X-DFNS-NONCE"]) context.memory.nonce = headers["X-DFNS-NONCE"];
    return headers;
  };

  return {
    // Dfns makes the e-mail sent the user's username; its userId reads back the same user.
    identity: {
      creates: ["createUser"],
      fields: { email: "username" },
      read: (created) => (typeof created.userId === "string" && created.userId !== "" ? { method: "GET", path: `/auth/users/${encodeURIComponent(created.userId)}` } : undefined),
    },
    /**
     * The token reads one user; then, when the run can sign, the credential signs a user action
     * for an archive that is never sent (a token Dfns issues for it is simply left unused).
     */
    async preflight(context) {
      const privateKey = readablePrivateKey(credentials);
      const authorization = { Authorization: `Bearer ${credentials.token}` };
      const read = await context.send({ method: "GET", target: "/auth/users?limit=1", headers: authorization, body: undefined });
      if (refusedStatus(read)) return { refused: "the auth token (DFNS_TOKEN or --dfns-token)", exchange: read, fix: "set DFNS_TOKEN or pass --dfns-token with a token of this org" };
      if (!read.response || !credentials.credentialId || !privateKey) return undefined;
      const caller = { ...credentials, privateKey };
      const never = { method: "DELETE", target: "/auth/users/us-archive-kit-preflight-never-sent", body: "" };
      const signing = await signUserAction(never, "sign", caller, () => authorization, { ...context, operation: undefined }, privateKeys);
      if (!("decidedBy" in signing) || !refusedStatus(signing.decidedBy)) return undefined;
      return {
        refused: "the signing credential (DFNS_CREDENTIAL_ID / --dfns-credential-id with DFNS_PRIVATE_KEY / --dfns-private-key)",
        exchange: signing.decidedBy,
        fix: "pass the id of a Key credential of the token's user and that credential's private key",
      };
    },
    async prepare(caseRequest, context) {
      // The case loader validated the request against DFNS_CASE_REQUEST_SCHEMA.
      const request = caseRequest as DfnsCaseRequest;
      const caller = callerFor(request.auth, context.variables);
      const body = requestBody(request);
      const target = requestTarget(request);
      const authorization: Record<string, string> = caller ? { Authorization: `Bearer ${caller.token}` } : {};
      const headers = caseHeaders(request, {
        ...authorization,
        ...legacyHeaders(request, context, false),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      });
      const signed = context.operation?.security.some((requirement) => "userActionSignature" in requirement) ?? false;
      const mode = request.userAction ?? (signed ? "sign" : "none");
      if (mode === "reuse") {
        if (!context.memory.userAction) throw new SetupFailed("no earlier user action to reuse");
        headers["X-DFNS-USERACTION"] = context.memory.userAction;
      } else if (mode !== "none") {
        if (!caller) throw new SetupFailed("signing a user action needs a caller");
        // Each signing call carries its own fresh nonce when the step sends legacy headers.
        const signingHeaders = () => ({ ...authorization, ...legacyHeaders(request, context, true) });
        const signing = await signUserAction({ method: request.method, target, body: body ?? "" }, mode, caller, signingHeaders, context, privateKeys);
        if ("decidedBy" in signing) return { decidedBy: signing.decidedBy };
        headers["X-DFNS-USERACTION"] = signing.token;
        context.memory.userAction = signing.token;
      }
      return { request: { method: request.method, target, headers, body } };
    },
    /**
     * Employees come from `POST /auth/users`. End users cannot be created there: Dfns creates them
     * by delegated registration, which answers with a registration challenge naming the new
     * user's id, so the user itself is then read with `GET /auth/users/{id}`.
     */
    async create(body, context) {
      const step = async (request: CaseRequest, operationId: string): Promise<Record<string, unknown>> => {
        const operation = context.contract.byId(operationId);
        const prepared = await this.prepare(request, { ...context, operation });
        const exchange = "decidedBy" in prepared ? prepared.decidedBy : await context.send(prepared.request);
        const json = exchange.response?.json;
        if (exchange.response?.status !== 200 || typeof json !== "object" || json === null) {
          throw new SetupFailed(`${request.method} ${request.path} answered ${describeAnswer(exchange)}`);
        }
        return json as Record<string, unknown>;
      };
      if (body.kind !== "EndUser") return step({ method: "POST", path: "/auth/users", body }, "createUser");
      const challenge = await step({ method: "POST", path: "/auth/registration/delegated", body }, "createDelegatedRegistrationChallenge");
      const userId = (challenge.user as { id?: unknown } | undefined)?.id;
      if (typeof userId !== "string" || userId === "") {
        throw new SetupFailed("POST /auth/registration/delegated answered 200 without user.id");
      }
      return step({ method: "GET", path: `/auth/users/${encodeURIComponent(userId)}` }, "getUser");
    },
  };
}

/** A refusal of the caller: its token, credential or signature (400 is Dfns's answer to a challenge it cannot verify). */
function refusedStatus(exchange: Exchange): boolean {
  return [400, 401, 403].includes(exchange.response?.status ?? 0);
}

/** The run's private key as PEM text, read and parsed before anything is sent; an unreadable one names the variable or flag. */
function readablePrivateKey(credentials: DfnsCredentials): string | undefined {
  const where = credentials.privateKey !== undefined ? "DFNS_PRIVATE_KEY" : `--dfns-private-key ${credentials.privateKeyFile}`;
  let pem: string | undefined;
  try {
    pem = credentials.privateKey ?? (credentials.privateKeyFile ? readFileSync(credentials.privateKeyFile, "utf8") : undefined);
  } catch {
    throw new UserError(`${where}: the file cannot be read — pass the PEM file of the credential's private key`);
  }
  if (!pem) return undefined;
  try {
    parsePrivateKey(pem);
  } catch {
    throw new UserError(`${where}: not a readable PEM private key — pass the PEM text of the credential's PKCS#8, SEC1 or PKCS#1 key`);
  }
  return pem;
}

type SigningMode = "sign" | "method" | "path" | "payload" | "signature" | "credential";

/** init → sign → action, tampering with one part when asked; a refused step decides the case's step. */
async function signUserAction(
  actual: { method: string; target: string; body: string },
  mode: string,
  caller: DfnsCaller,
  headers: () => Record<string, string>,
  context: PrepareContext,
  privateKeys: (pem: string) => KeyObject,
): Promise<{ decidedBy: Exchange } | { token: string }> {
  const tamper = mode as SigningMode;
  const privateKey = caller.privateKey ?? (caller.privateKeyFile ? readFileSync(caller.privateKeyFile, "utf8") : undefined);
  if (!caller.credentialId || !privateKey) {
    throw new SkipCase("signing a user action needs the caller's credential id and private key (DFNS_CREDENTIAL_ID, DFNS_PRIVATE_KEY)");
  }
  const init = await context.send({
    method: "POST",
    target: "/auth/action/init",
    headers: { ...headers(), "Content-Type": "application/json" },
    body: JSON.stringify({
      userActionPayload: tamper === "payload" ? '{"tampered":true}' : actual.body,
      userActionHttpMethod: tamper === "method" ? (actual.method === "DELETE" ? "PUT" : "DELETE") : actual.method,
      userActionHttpPath: tamper === "path" ? `${actual.target}-tampered` : actual.target,
    }),
  });
  if (init.response?.status !== 200) return { decidedBy: init };
  const signer = createKeySigner({ credId: tamper === "credential" ? FOREIGN_CREDENTIAL_ID : caller.credentialId, privateKey: privateKeys(privateKey) });
  const firstFactor = await signer.sign(init.response.json as UserActionChallenge);
  if (tamper === "signature") {
    const bytes = Buffer.from(firstFactor.credentialAssertion.signature, "base64url");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    firstFactor.credentialAssertion.signature = bytes.toString("base64url");
  }
  const action = await context.send({
    method: "POST",
    target: "/auth/action",
    headers: { ...headers(), "Content-Type": "application/json" },
    body: JSON.stringify({ challengeIdentifier: (init.response.json as UserActionChallenge).challengeIdentifier, firstFactor }),
  });
  const token = (action.response?.json as { userAction?: string } | undefined)?.userAction;
  if (action.response?.status !== 200 || !token) return { decidedBy: action };
  return { token };
}

/**
 * The KeyObject of a PEM text, parsed on first use only: parsing costs more than signing, and a
 * run signs thousands of actions with the same few keys. An unreadable text is not kept: it throws each time.
 */
function privateKeysParsedOnce(): (pem: string) => KeyObject {
  const parsed = new Map<string, KeyObject>();
  return (pem) => {
    let key = parsed.get(pem);
    if (!key) parsed.set(pem, (key = parsePrivateKey(pem)));
    return key;
  };
}
