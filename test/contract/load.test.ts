import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContract, UserError } from "../../src/index.js";
import { shippedContract } from "../helpers/contracts.js";

async function documentFile(name: string, text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "archive-kit-")), name);
  await writeFile(file, text);
  return file;
}

describe("loading a contract the user got wrong", () => {
  it.each([
    ["a missing file", async () => "/nonexistent/contract.yaml", /contract\.yaml: no such file — pass the path/],
    ["malformed YAML", () => documentFile("bad.yaml", "openapi: [\n"), /bad\.yaml: malformed YAML or JSON: .*\(2:1\) — fix the syntax/],
    ["not an OpenAPI document", () => documentFile("list.yaml", "- a\n- b\n"), /list\.yaml: not an OpenAPI document/],
    [
      "an invalid OpenAPI document",
      () => documentFile("invalid.yaml", "openapi: 3.1.0\ninfo: { title: x }\npaths: {}\n"),
      /invalid\.yaml: not a valid OpenAPI document: #\/info must have required property 'version' — fix the document/,
    ],
    [
      "an OpenAPI 3.0 document",
      () => documentFile("old.yaml", "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths: {}\n"),
      /old\.yaml: OpenAPI 3\.0\.3 is not supported — write the document as OpenAPI 3\.1/,
    ],
    [
      "an operation without operationId",
      () => documentFile("noid.yaml", "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses: { '200': { description: ok } }\n"),
      /noid\.yaml: GET \/a has no operationId — give every operation an operationId/,
    ],
  ])("%s is one UserError line naming the file and the fix", async (_what, makeFile, message) => {
    const error = await loadContract(await makeFile()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(message);
    expect((error as UserError).message).not.toContain("\n");
    expect((error as UserError).exitCode).toBe(2);
  });

  it("a schema ajv cannot compile is a UserError when its validator is first needed", async () => {
    const file = await documentFile(
      "typo.yaml",
      "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, requird: [a] }\n",
    );
    const contract = await loadContract(file);
    expect(() => contract.validators.compileAll(contract.operations)).toThrow(/typo\.yaml: a schema cannot be compiled: .*requird.* — fix the schema/);
  });
});

describe("the operation index", async () => {
  const intercom = await shippedContract("intercom");
  const dfns = await shippedContract("dfns");

  it.each([
    [intercom, "DELETE", "/users/5714dd359a3fd47136000001", "archiveUserById", { id: "5714dd359a3fd47136000001" }],
    [intercom, "DELETE", "/users", "archiveUserByQuery", {}],
    [intercom, "get", "/users/abc%20def", "viewUserById", { id: "abc def" }],
    [intercom, "POST", "/user_delete_requests", "permanentlyDeleteUser", {}],
    [dfns, "DELETE", "/auth/users/us-a-b-c", "archiveUser", { userId: "us-a-b-c" }],
    [dfns, "PUT", "/auth/users/us-a-b-c/deactivate", "deactivateUser", { userId: "us-a-b-c" }],
    [dfns, "POST", "/auth/action/init", "createUserActionChallenge", {}],
    [dfns, "POST", "/auth/action", "createUserActionSignature", {}],
  ])("matches %#: %s %s", (contract, method, urlPath, operationId, pathParams) => {
    const match = contract.match(method, urlPath);
    expect(match?.operation.operationId).toBe(operationId);
    expect(match?.pathParams).toEqual(pathParams);
    expect(contract.byId(operationId)).toBe(match?.operation);
  });

  it("matches nothing for an undocumented path or method, and lists the methods a path allows", () => {
    expect(intercom.match("GET", "/contacts")).toBeUndefined();
    expect(intercom.match("PATCH", "/users/1")).toBeUndefined();
    expect(intercom.methodsAt("/users/1").sort()).toEqual(["delete", "get"]);
    expect(dfns.methodsAt("/auth/users").sort()).toEqual(["get", "post"]);
    expect(dfns.methodsAt("/nowhere")).toEqual([]);
  });

  it("finds response body and header validators by operation, status, header name and media type", () => {
    const archive = intercom.byId("archiveUserById")!;
    expect(intercom.validators.responseHeader(archive, 200, "x-ratelimit-limit")!("500")).toEqual({ valid: true });
    expect(intercom.validators.responseHeader(archive, 200, "x-ratelimit-limit")!("many")).toMatchObject({ valid: false });
    expect(intercom.validators.responseHeader(archive, 401, "WWW-Authenticate")!('Basic realm="intercom.io"')).toEqual({ valid: true });
    expect(intercom.validators.responseHeader(archive, 200, "X-Unknown")).toBeUndefined();
    expect(intercom.validators.responseBody(archive, 302)).toBeUndefined();
    // Any other 4xx falls under the documented 4XX range.
    expect(intercom.validators.responseBody(archive, 418)!({ type: "error.list", errors: [{ code: "teapot" }] })).toEqual({ valid: true });
    expect(intercom.validators.responseBody(archive, 200, "text/html")).toBeUndefined();
    expect(intercom.validators.responseBody(archive, 200, "application/json; charset=utf-8")).toBeDefined();
  });
});
