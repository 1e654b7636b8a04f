import { fromBase64Url, toBase64Url, utf8Text } from "../../../encoding/base64.js";
import { randomBytes } from "../../../encoding/random.js";
import { formatIssues, validateRequest, type Contract } from "../../../contract/core.js";
import { bearerToken } from "../../../reference/authorization.js";
import { parseUsersSnapshot } from "../../../reference/snapshot.js";
import type { ReferenceLogic, ReferenceRequest, ReferenceResponse } from "../../../reference/types.js";
import type { components } from "../../../generated/dfns.js";
import type { DfnsFixtures } from "./fixtures.js";
import { createNonceRegistry } from "./nonces.js";
import { createUserActionService, type Refusal } from "./user-actions.js";
import { schemaProblem } from "../../../reference/fixtures.js";
import { DFNS_STORE_LIMITS, newDfnsId, UserStore, type User, type UserKind } from "./users.js";

export interface DfnsReferenceOptions {
  now: () => number;
  userActionTtlSeconds: number;
}

export const DEFAULT_USER_ACTION_TTL_SECONDS = 300;

interface PermissionRule {
  always?: string[];
  /** Added by the kind of the user the call addresses. */
  byTargetKind?: Partial<Record<UserKind, string[]>>;
  /** Added by the kind of the user the call creates. */
  byRequestedKind?: Partial<Record<UserKind, string[]>>;
}

interface Context {
  caller: User;
  request: ReferenceRequest;
  pathParams: Record<string, string>;
  body: unknown;
  rule: PermissionRule;
}

type Handler = (context: Context) => ReferenceResponse | Promise<ReferenceResponse>;

/** The stateful Dfns Auth reference: its choices where the documents are silent are in docs/reference/reference-servers.md. */
export function createDfnsReference(contract: Contract, fixtures: DfnsFixtures, options: DfnsReferenceOptions): ReferenceLogic {
  let store = new UserStore(fixtures.users);
  const nonces = createNonceRegistry(options.now);
  const userActions = createUserActionService({
    now: options.now,
    ttlMs: options.userActionTtlSeconds * 1000,
    credentialsOf: (userId) => fixtures.credentials.filter((credential) => credential.userId === userId),
  });

  /** Resolves the addressed user of the caller's org and checks the target-kind permissions. */
  const withTarget = (context: Context, act: (target: User) => ReferenceResponse): ReferenceResponse => {
    const target = store.visible(context.pathParams.userId!, context.caller.orgId);
    if (!target) return error(404, "User not found");
    const missing = missingPermission(context.caller, context.rule.byTargetKind?.[target.kind] ?? []);
    return missing ? forbidden(context.caller, missing) : act(target);
  };

  /** A new active, unregistered user of the caller's org, counted against the caller's creations. */
  const createUserFor = (caller: User, email: string, kind: User["kind"], extra: Partial<User> = {}): User =>
    store.create(
      {
        username: email,
        ...extra,
        userId: newDfnsId("us"),
        kind,
        credentialUuid: newDfnsId("cr"),
        orgId: caller.orgId,
        permissions: [],
        isActive: true,
        isServiceAccount: false,
        isRegistered: false,
        permissionAssignments: [],
      },
      caller.userId,
    );

  /** A username longer than the reference stores (400), or a bound on created users reached (402, like a plan limit). */
  const creationRefusal = (caller: User, email: string): ReferenceResponse | undefined => {
    if (email.length > DFNS_STORE_LIMITS.usernameLength) return error(400, `Invalid request: email is longer than ${DFNS_STORE_LIMITS.usernameLength} characters`);
    const limit = store.creationLimit(caller.userId);
    return limit ? error(402, `The reference server stores at most ${limit}; reset it to create more`) : undefined;
  };

  const handlers: Record<string, Handler> = {
    listUsers: ({ caller, request }) => {
      const kind = (request.query.get("kind") ?? undefined) as UserKind | undefined;
      const limit = Number(request.query.get("limit") ?? 100);
      const token = request.query.get("paginationToken");
      const offset = token === null ? 0 : Number(utf8Text(fromBase64Url(token)));
      if (!Number.isInteger(offset) || offset < 0) return error(400, "paginationToken is not valid");
      const users = store.list(caller.orgId, kind);
      const items = users.slice(offset, offset + limit);
      const next = offset + limit < users.length ? toBase64Url(String(offset + limit)) : undefined;
      return ok({ items, ...(next ? { nextPageToken: next } : {}) });
    },
    getUser: (context) => withTarget(context, ok),
    archiveUser: (context) =>
      withTarget(context, (target) => {
        if (target.userId === context.caller.userId) return error(422, "A user cannot archive themselves");
        return ok(store.archive(target.userId));
      }),
    activateUser: (context) =>
      withTarget(context, (target) => (target.isActive ? error(422, "User is already active") : ok(store.setActive(target.userId, true)))),
    deactivateUser: (context) =>
      withTarget(context, (target) => {
        if (!target.isActive) return error(422, "User is already deactivated");
        if (target.userId === context.caller.userId) return error(422, "A user cannot deactivate themselves");
        return ok(store.setActive(target.userId, false));
      }),
    createUser: ({ caller, body }) => {
      const { email, kind } = body as components["schemas"]["CreateUserRequest"];
      if (store.usernameTaken(caller.orgId, email)) return error(400, `A user with username ${email} already exists`);
      const refusal = creationRefusal(caller, email);
      if (refusal) return refusal;
      return ok(createUserFor(caller, email, kind));
    },
    createDelegatedRegistrationChallenge: ({ caller, request, body, rule }) => {
      const { email, kind } = body as components["schemas"]["DelegatedRegistrationRequest"];
      const missing = missingPermission(caller, rule.byRequestedKind?.[kind] ?? []);
      if (missing) return forbidden(caller, missing);
      if (store.usernameTaken(caller.orgId, email)) return error(409, `A user with username ${email} already exists`);
      const refusal = creationRefusal(caller, email);
      if (refusal) return refusal;
      const user = createUserFor(caller, email, kind, { name: email });
      return ok(registrationChallenge(user, rpIdOf(request)));
    },
    createUserActionChallenge: async ({ caller, request, body }) => {
      const { userActionHttpMethod, userActionHttpPath, userActionPayload } = body as components["schemas"]["UserActionChallengeRequest"];
      const result = await userActions.issueChallenge(caller.userId, { method: userActionHttpMethod, path: userActionHttpPath, payload: userActionPayload }, rpIdOf(request));
      return result.ok ? ok(result.challenge) : refused(result);
    },
    createUserActionSignature: async ({ caller, body }) => {
      const result = await userActions.sign(caller.userId, body as components["schemas"]["UserActionSignatureRequest"]);
      return result.ok ? ok({ userAction: result.userAction }) : refused(result);
    },
  };

  return {
    contract,
    async handle(request, operation, pathParams) {
      const token = bearerToken(request.headers.authorization);
      const callerId = token === undefined ? undefined : fixtures.tokens.get(token);
      const caller = callerId === undefined ? undefined : store.caller(callerId);
      if (!caller) return error(401, "Not Authorized.");
      const signing = operation.operationId === "createUserActionChallenge" || operation.operationId === "createUserActionSignature";
      if (!caller.isActive) return signing ? error(400, "User account has been deactivated.") : error(401, "Not Authorized.");

      const nonce = request.headers["x-dfns-nonce"];
      if (nonce !== undefined) {
        const verdict = await nonces.check(nonce, caller.userId);
        if (verdict === "invalid") return error(400, "request nonce is missing or invalid");
        if (verdict === "replayed") return error(400, "request nonce has already been used");
        if (verdict === "too-many") return error(429, "Too many nonces in the last ten minutes; retry later");
      }

      const validation = validateRequest(contract, operation, request);
      if (!validation.valid) return error(400, `Invalid request: ${formatIssues(validation.issues)}`);

      if (operation.security.some((requirement) => "userActionSignature" in requirement)) {
        const redeemed = await userActions.redeem(caller.userId, request.headers["x-dfns-useraction"], {
          method: request.method,
          path: request.target,
          payload: request.rawBody,
        });
        if (!redeemed.ok) return refused(redeemed);
      }

      const rule = (operation.extensions["x-dfns-permissions"] ?? {}) as PermissionRule;
      const missing = missingPermission(caller, rule.always ?? []);
      if (missing) return forbidden(caller, missing);
      return handlers[operation.operationId]!({ caller, request, pathParams, body: validation.body, rule });
    },
    unrouted(_request, allow) {
      if (allow.length === 0) return error(404, "Route not found");
      return { ...error(405, `Method not allowed: use ${allow.join(", ")}`), headers: { Allow: allow.join(", ") } };
    },
    failure(_request, status, message) {
      return status === 500 ? error(500, "Internal Server Error") : error(status, message);
    },
    seed(values) {
      // Users as the API answers them (the contract's User); they are not callers: no token, no credential.
      for (const [i, value] of values.entries()) {
        const problem = schemaProblem(contract, "User", value);
        if (problem) return { ok: false, message: `users[${i}]: ${problem}` };
      }
      const refused = store.seed(values as User[]);
      return refused ? { ok: false, message: refused } : { ok: true };
    },
    state() {
      return { users: store.all(), pending: userActions.pending() };
    },
    snapshot: () => ({ users: store.all() }),
    restore(snapshot) {
      const parsed = parseUsersSnapshot<User>(contract, snapshot, (user) => user.userId);
      if (!parsed.ok) return parsed;
      store = new UserStore(parsed.users.map((entry) => entry.user));
      for (const { user, archived } of parsed.users) if (archived) store.archive(user.userId);
      return { ok: true };
    },
    reset() {
      store = new UserStore(fixtures.users);
      nonces.clear();
      userActions.clear();
    },
    // SDK 0.7 and later send their version on every request.
    corsRequestHeaders: ["x-dfns-sdk-version"],
  };
}

function rpIdOf(request: ReferenceRequest): string {
  return (request.headers.host ?? "localhost").replace(/:\d+$/, "");
}

/**
 * The registration challenge a delegated registration answers with. Completing registration
 * (`POST /auth/registration`) is outside this contract: the reference only creates the user.
 */
function registrationChallenge(user: User, rpId: string): components["schemas"]["RegistrationChallenge"] {
  const random = () => toBase64Url(randomBytes(32));
  return {
    user: { id: user.userId, displayName: user.username, name: user.username },
    temporaryAuthenticationToken: random(),
    challenge: random(),
    rp: { id: rpId, name: "archive-kit Dfns reference" },
    supportedCredentialKinds: { firstFactor: ["Key"], secondFactor: [] },
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    attestation: "direct",
    // ES256, EdDSA, RS256: the Key credential algorithms the reference verifies.
    pubKeyCredParams: [-7, -8, -257].map((alg) => ({ type: "public-key", alg })),
    excludeCredentials: [],
    otpUrl: "",
  };
}

function missingPermission(caller: User, required: string[]): string | undefined {
  const granted = new Set(caller.permissions ?? []);
  return required.find((permission) => !granted.has(permission));
}

function forbidden(caller: User, permission: string): ReferenceResponse {
  return error(403, `${caller.kind} ${caller.userId} is not authorized to perform operation (${permission})`);
}

function refused(refusal: Refusal): ReferenceResponse {
  return error(refusal.status, refusal.message);
}

function error(status: number, message: string): ReferenceResponse {
  return { status, body: { error: { message } } };
}

function ok(body: unknown): ReferenceResponse {
  return { status: 200, body };
}

