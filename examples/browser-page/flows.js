// The frontend under test: plain browser JavaScript, served from an origin other than the mocks'.
// Each flow calls a mock with fetch and returns what it saw (statuses, bodies, header values) as
// plain data; test/browser/frontend.test.ts does the asserting.

/** One fetch; a call the browser blocks (CORS) or cannot send rejects with the method and URL. */
async function request(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const url = new URL(path, baseUrl);
  const sent = { ...headers };
  if (token) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new Error(`${method} ${url} from ${location.origin} failed in the browser (${error.message}) — a CORS refusal or an unreachable server`);
  }
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the text is reported as it came.
  }
  return { status: response.status, body: parsed, rateLimitRemaining: response.headers.get("X-RateLimit-Remaining") };
}

/** `POST /__archive-kit/reset` with a JSON body (a page needs a preflight for it): the mock returns to its fixtures. */
async function reset(baseUrl) {
  const { status } = await request(baseUrl, "POST", "/__archive-kit/reset", { body: {} });
  return { status };
}

// ------------------------------------------------------------------------------------ Intercom

/**
 * Creates three users, archives one by id, one by e-mail and one by user_id, then looks each up
 * again. Every response's X-RateLimit-Remaining is read, which only an exposed header allows.
 */
async function intercomArchive({ baseUrl, token }) {
  const intercom = (method, path, body) => request(baseUrl, method, path, { token, body, headers: { Accept: "application/json" } });
  const ways = ["id", "email", "user_id"];
  const responses = [];
  const seen = (response) => (responses.push(response), response);

  const created = [];
  for (const way of ways) {
    const attributes = { user_id: `browser-${way}`, email: `browser-${way.replace("_", "-")}@example.com`, name: `Archived by ${way}` };
    created.push(seen(await intercom("POST", "/users", attributes)));
  }
  const [byId, byEmail, byUserId] = created.map((response) => response.body);
  const archived = [
    seen(await intercom("DELETE", `/users/${encodeURIComponent(byId.id)}`)),
    seen(await intercom("DELETE", `/users?${new URLSearchParams({ email: byEmail.email })}`)),
    seen(await intercom("DELETE", `/users?${new URLSearchParams({ user_id: byUserId.user_id })}`)),
  ];
  const afterwards = [];
  for (const user of [byId, byEmail, byUserId]) afterwards.push(seen(await intercom("GET", `/users/${encodeURIComponent(user.id)}`)));

  const summary = ({ status, body }) => ({ status, id: body?.id, user_id: body?.user_id, email: body?.email, type: body?.type });
  return {
    origin: location.origin,
    created: created.map(summary),
    archived: archived.map(summary),
    afterwards: afterwards.map(({ status, body }) => ({ status, type: body?.type, code: body?.errors?.[0]?.code })),
    rateLimitRemaining: responses.map((response) => response.rateLimitRemaining),
  };
}

// ---------------------------------------------------------------------------------------- Dfns

const utf8 = (text) => new TextEncoder().encode(text);

function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The DER bytes inside a PEM "PRIVATE KEY" block (already PKCS#8, as WebCrypto wants). */
function pemToPkcs8Der(pem) {
  const base64 = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** A DER INTEGER of an unsigned big-endian number: no redundant leading zeros, positive. */
function derInteger(unsigned) {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const digits = unsigned[start] & 0x80 ? [0, ...unsigned.slice(start)] : [...unsigned.slice(start)];
  return [0x02, digits.length, ...digits];
}

/** WebCrypto's ECDSA signature is r||s (IEEE P1363); Dfns wants SEQUENCE { r, s } in DER. */
function p1363ToDer(signature) {
  const half = signature.length / 2;
  const content = [...derInteger(signature.slice(0, half)), ...derInteger(signature.slice(half))];
  return Uint8Array.from([0x30, content.length, ...content]);
}

/** Signs a challenge as a Dfns `Key` credential does: ECDSA P-256 with SHA-256 over the clientData bytes. */
async function signChallenge(challenge, { credId, privateKeyPem }) {
  const key = await crypto.subtle.importKey("pkcs8", pemToPkcs8Der(privateKeyPem), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  const clientData = utf8(JSON.stringify({ type: "key.get", challenge: challenge.challenge }));
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, clientData));
  return {
    kind: "Key",
    credentialAssertion: { credId, clientData: base64url(clientData), signature: base64url(p1363ToDer(signature)) },
  };
}

/**
 * The whole user action flow for `DELETE /auth/users/{userId}`: init, sign in the page, action,
 * archive; then the user is read again.
 */
async function dfnsArchive({ baseUrl, token, credId, privateKeyPem, userId }) {
  const dfns = (method, path, options = {}) => request(baseUrl, method, path, { token, ...options });
  const archivePath = `/auth/users/${encodeURIComponent(userId)}`;

  const statuses = {};
  const report = (extra) => ({ origin: location.origin, statuses, ...extra });
  const init = await dfns("POST", "/auth/action/init", {
    body: { userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: archivePath },
  });
  statuses.init = init.status;
  if (init.status !== 200) return report({ failure: init.body });
  const offeredCredentials = init.body.allowCredentials?.key?.map((credential) => credential.id);
  const firstFactor = await signChallenge(init.body, { credId, privateKeyPem });
  const action = await dfns("POST", "/auth/action", { body: { challengeIdentifier: init.body.challengeIdentifier, firstFactor } });
  statuses.action = action.status;
  if (action.status !== 200) return report({ offeredCredentials, failure: action.body });
  const archive = await dfns("DELETE", archivePath, { headers: { "X-DFNS-USERACTION": action.body.userAction } });
  statuses.archive = archive.status;
  const afterwards = await dfns("GET", archivePath);
  statuses.afterwards = afterwards.status;

  return report({
    offeredCredentials,
    archived: { userId: archive.body?.userId, isActive: archive.body?.isActive },
  });
}

window.flows = { request, reset, intercomArchive, dfnsArchive };
