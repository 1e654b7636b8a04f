import { createConfig, lint } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { API_NAMES, contractFile } from "../../src/apis/shipped-apis.js";
import { shippedContract } from "../helpers/contracts.js";

describe.each(API_NAMES)("the %s contract", (api) => {
  it("passes swagger-parser validation and is OpenAPI 3.1", async () => {
    const contract = await shippedContract(api);
    expect(contract.document.openapi).toBe("3.1.0");
  });

  it("passes the Redocly recommended lint rules with no error or warning", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lint({ ref: contractFile(api), config });
    expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message}`)).toEqual([]);
  });

  it("names its source document on every operation", async () => {
    const contract = await shippedContract(api);
    for (const operation of contract.operations) {
      expect(operation.extensions["x-source"], operation.operationId).toMatchObject({
        document: expect.any(String),
        section: expect.any(String),
      });
    }
  });
});

describe("the Intercom contract", async () => {
  const contract = await shippedContract("intercom");

  it("has the archive, delete, create-or-update and view operations", () => {
    expect(contract.operations.map((operation) => `${operation.method.toUpperCase()} ${operation.pathTemplate}`).sort()).toEqual([
      "DELETE /users",
      "DELETE /users/{id}",
      "GET /users",
      "GET /users/{id}",
      "POST /user_delete_requests",
      "POST /users",
    ]);
  });

  it.each([
    ["archiveUserById", ["200", "400", "401", "404", "406", "429"]],
    ["archiveUserByQuery", ["200", "400", "401", "404", "406", "409", "429"]],
    ["permanentlyDeleteUser", ["200", "400", "401", "404", "406", "429"]],
    ["createOrUpdateUser", ["200", "400", "401", "406", "409", "429"]],
    ["viewUserById", ["200", "400", "401", "404", "406", "429"]],
    ["viewUsers", ["200", "400", "401", "404", "406", "429"]],
  ])("%s documents %j and any other 4XX/5XX, each with a schema, an example and optional rate-limit headers", (operationId, statuses) => {
    const operation = contract.byId(operationId)!;
    expect(Object.keys(operation.responses).sort()).toEqual([...statuses, "4XX", "5XX"]);
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = response.content?.["application/json"];
      expect(media?.schema, `${operationId} ${status}`).toBeDefined();
      expect(Object.keys(media?.examples ?? {}).length, `${operationId} ${status}`).toBeGreaterThan(0);
      const headers = response.headers ?? {};
      for (const name of ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]) {
        expect(headers[name], `${operationId} ${status} ${name}`).toMatchObject({ required: false });
      }
    }
    expect(operation.responses["401"]!.headers!["WWW-Authenticate"]).toMatchObject({ required: false });
  });

  it("requires of an error only its type and machine-readable codes, as Intercom's published description does", () => {
    const archive = contract.byId("archiveUserById")!;
    const notFound = contract.validators.responseBody(archive, 404)!;
    expect(notFound({ type: "error.list", errors: [{ code: "not_found" }] })).toEqual({ valid: true });
    expect(notFound({ type: "error.list", request_id: null, errors: [{ code: "not_found", message: null, field: null }] })).toEqual({ valid: true });
    expect(notFound({ type: "error.list", errors: [{ code: "not_found", message: "Any wording at all" }] })).toEqual({ valid: true });
    expect(notFound({ type: "error.list", errors: [{ code: "user_not_found" }] })).toEqual({ valid: false, issues: [{ pointer: "/errors/0/code", message: 'must be "not_found"' }] });
    expect(notFound({ type: "error.list", errors: [{ message: "User Not Found" }] })).toEqual({ valid: false, issues: [{ pointer: "/errors/0/code", message: "is required but missing" }] });
    expect(notFound({ type: "error.list", errors: [] })).toMatchObject({ valid: false });
    const other = contract.validators.responseBody(archive, 403)!;
    expect(other({ type: "error.list", errors: [{ code: "api_plan_restricted" }] })).toEqual({ valid: true });
    expect(other({ message: "Forbidden" })).toMatchObject({ valid: false });
  });

  it("accepts a Bearer token or Basic with the token as user name", () => {
    expect(contract.byId("archiveUserById")!.security).toEqual([{ bearerAuth: [] }, { basicAuth: [] }]);
    expect(contract.document.components!.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      basicAuth: { type: "http", scheme: "basic" },
    });
  });

  it("records the documents' inconsistencies where a reader sees them", () => {
    const byId = contract.byId("archiveUserById")!;
    expect(byId.description).toMatch(/5321a20f72cdbb4192000013.*\n?.*5714dd359a3fd47136000001/s);
    const byQuery = contract.byId("archiveUserByQuery")!;
    expect(byQuery.description).toMatch(/wash@example\.com.*email@example\.com/s);
  });
});

describe("the Dfns contract", async () => {
  const contract = await shippedContract("dfns");

  it("has the archive, user and user-action-signing operations", () => {
    expect(contract.operations.map((operation) => `${operation.method.toUpperCase()} ${operation.pathTemplate}`).sort()).toEqual([
      "DELETE /auth/users/{userId}",
      "GET /auth/users",
      "GET /auth/users/{userId}",
      "POST /auth/action",
      "POST /auth/action/init",
      "POST /auth/registration/delegated",
      "POST /auth/users",
      "PUT /auth/users/{userId}/activate",
      "PUT /auth/users/{userId}/deactivate",
    ]);
  });

  it("requires a user action signature on exactly the state-changing operations", () => {
    const signed = contract.operations
      .filter((operation) => operation.security.some((requirement) => "userActionSignature" in requirement))
      .map((operation) => operation.operationId)
      .sort();
    expect(signed).toEqual(["activateUser", "archiveUser", "createDelegatedRegistrationChallenge", "createUser", "deactivateUser"]);
  });

  it("states the seed's permissions for the archive in a readable extension", () => {
    expect(contract.byId("archiveUser")!.extensions["x-dfns-permissions"]).toEqual({
      always: ["Auth:Users:Update"],
      byTargetKind: { CustomerEmployee: ["Auth:Types:Employee"], EndUser: ["Auth:Types:EndUser"] },
    });
  });

  it("admits a 202 policy-pending answer, body untyped, on exactly the state-changing operations", () => {
    const pending = contract.operations.filter((operation) => "202" in operation.responses).map((operation) => operation.operationId).sort();
    expect(pending).toEqual(["activateUser", "archiveUser", "createDelegatedRegistrationChallenge", "createUser", "deactivateUser"]);
    const archive = contract.byId("archiveUser")!;
    expect(archive.responses["202"]!.content).toBeUndefined();
    expect(contract.validators.responseBody(archive, 202)).toBeUndefined();
  });

  it("documents 200, 202, 400, 401, 402, 403, 404, 422, 429 and 500 for the archive with the documented messages as examples", () => {
    const archive = contract.byId("archiveUser")!;
    expect(Object.keys(archive.responses).sort()).toEqual(["200", "202", "400", "401", "402", "403", "404", "422", "429", "500"]);
    const messages = Object.values(archive.responses).flatMap((response) =>
      Object.values(response.content?.["application/json"]?.examples ?? {}).map(
        (example) => ((example as { value: { error?: { message: string } } }).value.error?.message),
      ),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        "request nonce is missing or invalid",
        "request nonce has already been used",
        "user action has already been used",
        "Not Authorized.",
        "user action signature is missing or invalid",
        "Internal Server Error",
      ]),
    );
  });

  it("declares the seed-era X-DFNS-APPID and X-DFNS-NONCE headers as optional", () => {
    const headers = contract.byId("archiveUser")!.parameters.filter((parameter) => parameter.in === "header");
    expect(headers.map((header) => [header.name, header.required])).toEqual([
      ["X-DFNS-APPID", false],
      ["X-DFNS-NONCE", false],
    ]);
  });

  it("fixes the error envelope, not the wording of its message", () => {
    const archive = contract.byId("archiveUser")!;
    for (const status of [401, 403, 500]) {
      const validate = contract.validators.responseBody(archive, status)!;
      expect(validate({ error: { message: "Not Authorized." } }), String(status)).toEqual({ valid: true });
      expect(validate({ error: { id: "2038837570328299032", status, message: "unauthorized", details: {} } }), String(status)).toEqual({ valid: true });
      expect(validate({ message: "Forbidden" }), String(status)).toEqual({ valid: true });
      expect(validate({ error: {} }), String(status)).toMatchObject({ valid: false });
      expect(validate({ detail: "Forbidden" }), String(status)).toMatchObject({ valid: false });
    }
  });
});
