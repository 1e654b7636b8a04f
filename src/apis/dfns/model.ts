import type { ModelCommand, ModelUser, UserModel } from "../../fuzz/model/types.js";

/**
 * What Dfns's documents guarantee about the users a client creates (fuzz.model). States: `fresh`
 * (created; the documents do not say whether active), `active`, `inactive` (deactivated), and
 * `archived` ("Archive User", seed 001: answered `isActive: false`). Where they are silent (an
 * archive of a deactivated user, an activation of an archived one) the step accepts any documented
 * answer and the user is addressed no more.
 */
const userId = (user: ModelUser) => `{{ ${user.name}.userId }}`;
const path = (user: ModelUser, action = "") => `/auth/users/${userId(user)}${action}`;
const answered = (user: ModelUser, isActive?: boolean) => ({ status: 200, values: { userId: userId(user), ...(isActive === undefined ? {} : { isActive }) } });
const unknown = { expect: { status: "documented" as const }, state: undefined };

const getUser: ModelCommand = {
  name: "get",
  operationId: "getUser",
  from: ["fresh", "active", "inactive", "archived"],
  step: (user) => {
    const request = { method: "GET", path: path(user) };
    if (user.state === "fresh") return { request, expect: answered(user), state: user.state };
    if (user.state === "archived") return { request, expect: { status: [404, 200], byStatus: { "200": { values: { isActive: false } } } }, state: user.state };
    return { request, expect: answered(user, user.state === "active"), state: user.state };
  },
};

const archiveUser: ModelCommand = {
  name: "archive",
  operationId: "archiveUser",
  from: ["fresh", "active", "inactive", "archived"],
  step: (user) => {
    const request = { method: "DELETE", path: path(user) };
    if (user.state === "archived") return { request, expect: { status: [404, 422] }, state: "archived" };
    if (user.state === "inactive") return { request, ...unknown };
    return { request, expect: answered(user, false), state: "archived" };
  },
};

const deactivateUser: ModelCommand = {
  name: "deactivate",
  operationId: "deactivateUser",
  from: ["fresh", "active", "inactive"],
  step: (user) => {
    const request = { method: "PUT", path: path(user, "/deactivate") };
    // Deactivating an inactive user: refused or not, it stays inactive.
    if (user.state === "inactive") return { request, expect: { status: "documented" }, state: "inactive" };
    return { request, expect: answered(user, false), state: "inactive" };
  },
};

const activateUser: ModelCommand = {
  name: "activate",
  operationId: "activateUser",
  from: ["inactive", "active"],
  step: (user) => {
    const request = { method: "PUT", path: path(user, "/activate") };
    if (user.state === "active") return { request, expect: { status: "documented" }, state: "active" };
    return { request, expect: answered(user, true), state: "active" };
  },
};

export const DFNS_MODEL: UserModel = {
  create: "createUser",
  created: (user) => ({ expect: { status: "documented", byStatus: { "200": { values: { kind: user.body.kind } } } }, state: "fresh" }),
  commands: [getUser, archiveUser, deactivateUser, activateUser],
};
