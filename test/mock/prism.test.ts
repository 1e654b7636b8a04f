import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrismMock, type PrismMock } from "../../src/index.js";
import { shippedContract } from "../helpers/contracts.js";

async function documentedExample(api: "intercom" | "dfns", name: string): Promise<unknown> {
  const contract = await shippedContract(api);
  const example = contract.document.components?.examples?.[name] as { value: unknown } | undefined;
  return example?.value;
}

describe("the Prism mock of Intercom", () => {
  let mock: PrismMock;
  beforeAll(async () => {
    mock = await startPrismMock({ api: "intercom" });
  });
  afterAll(() => mock?.close());

  it.each([
    ["by user_id", "/users?user_id=25"],
    ["by email", "/users?email=wash%40example.com"],
    ["by id", "/users/5321a20f72cdbb4192000013"],
  ])("answers the documented archive request %s with the documented example", async (_how, path) => {
    const response = await fetch(`${mock.url}${path}`, {
      method: "DELETE",
      headers: { Authorization: "Bearer any-token", Accept: "application/json" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await documentedExample("intercom", "ArchivedJoeExample"));
    expect(response.headers.get("x-ratelimit-limit")).toBe("500");
  });

  it("answers a request without credentials with the documented 401", async () => {
    const response = await fetch(`${mock.url}/users?user_id=25`, { method: "DELETE", headers: { Accept: "application/json" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="intercom.io"');
    expect(await response.json()).toMatchObject({ type: "error.list", errors: [{ code: "unauthorized" }] });
  });
});

describe("the Prism mock of Dfns", () => {
  let mock: PrismMock;
  beforeAll(async () => {
    mock = await startPrismMock({ api: "dfns" });
  });
  afterAll(() => mock?.close());

  it("answers the documented archive with the seed's example response", async () => {
    const response = await fetch(`${mock.url}/auth/users/us-em7bu-m6c48-hdqoobj7dj24pko`, {
      method: "DELETE",
      headers: { Authorization: "Bearer any-token", "X-DFNS-USERACTION": "any-user-action" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: "us-2mhcm-9r90a-92ran47bjpl60hmv", orgId: "or-yanke-mars-6ulofamogg84s87v", isActive: false });
  });

  it("answers an archive without credentials with the documented 401 message", async () => {
    const response = await fetch(`${mock.url}/auth/users/us-em7bu-m6c48-hdqoobj7dj24pko`, { method: "DELETE" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { message: "Not Authorized." } });
  });
});
