import type { ModelCommand, ModelUser, UserModel } from "../../fuzz/model/types.js";

/**
 * What Intercom's documents guarantee about the users a client creates (fuzz.model). States:
 * `live`, `archived` (soft-deleted: "Archive a user", seed 000), `deleted` (permanently).
 * Sources: the archived user is not found by id or user_id and listed by nobody's e-mail (the
 * contract's x-expect links); one archive wins (a second finds no user); re-adding an archived
 * user by its user_id or e-mail unarchives the same user ("Create or update a user"); a
 * permanently deleted user is gone.
 */
const id = (user: ModelUser) => `{{ ${user.name}.id }}`;
const sends = (field: string) => (user: ModelUser) => typeof user.body[field] === "string";
const ALL = ["live", "archived", "deleted"] as const;

const notFound = { expect: { status: 404 } };

/** What a lookup of the user answers: the user while live, a 404 once archived or deleted. */
const found = (user: ModelUser) => (user.state === "live" ? { expect: { status: 200, values: { type: "user", id: id(user) } } } : notFound);

const viewById: ModelCommand = {
  name: "view by id",
  operationId: "viewUserById",
  from: ALL,
  step: (user) => ({ request: { method: "GET", path: `/users/${id(user)}` }, ...found(user), state: user.state }),
};

const viewByUserId: ModelCommand = {
  name: "view by user_id",
  operationId: "viewUsers",
  from: ALL,
  applies: sends("user_id"),
  step: (user) => ({
    request: { method: "GET", path: "/users", query: { user_id: String(user.body.user_id) } },
    ...found(user),
    state: user.state,
  }),
};

const viewByEmail: ModelCommand = {
  name: "view by e-mail",
  operationId: "viewUsers",
  from: ALL,
  applies: sends("email"),
  // Each e-mail the run sends is its own: the list holds the user while live, nobody once archived or deleted.
  step: (user) => ({
    request: { method: "GET", path: "/users", query: { email: String(user.body.email) } },
    expect: { status: 200, values: { type: "user.list", total_count: user.state === "live" ? 1 : 0 } },
    state: user.state,
  }),
};

function archive(name: string, operationId: string, address: (user: ModelUser) => { path: string; query?: Record<string, string> }, applies?: (user: ModelUser) => boolean): ModelCommand {
  return {
    name,
    operationId,
    from: ALL,
    ...(applies ? { applies } : {}),
    step: (user) => ({
      request: { method: "DELETE", ...address(user) },
      ...found(user),
      state: user.state === "live" ? "archived" : user.state,
    }),
  };
}

const recreate: ModelCommand = {
  name: "re-create",
  operationId: "createOrUpdateUser",
  from: ["live", "archived"],
  // A drawn `id` in the body is looked up first, and the documents do not say what an unknown one does.
  applies: (user) => user.body.id === undefined,
  step: (user) => ({ request: { method: "POST", path: "/users", body: user.body }, expect: { status: 200, values: { type: "user", id: id(user) } }, state: "live" }),
};

const permanentlyDelete: ModelCommand = {
  name: "permanently delete",
  operationId: "permanentlyDeleteUser",
  from: ["live", "archived"],
  step: (user) => ({ request: { method: "POST", path: "/user_delete_requests", body: { intercom_user_id: id(user) } }, expect: { status: 200 }, state: "deleted" }),
};

export const INTERCOM_MODEL: UserModel = {
  create: "createOrUpdateUser",
  created: (user) => {
    // The e-mail may come back in another case (it is matched without regard to case); the user_id as sent.
    const echoed = typeof user.body.user_id === "string" ? { user_id: user.body.user_id } : {};
    return { expect: { status: "documented", byStatus: { "200": { values: { type: "user", ...echoed } } } }, state: "live" };
  },
  commands: [
    viewById,
    viewByUserId,
    viewByEmail,
    archive("archive by id", "archiveUserById", (user) => ({ path: `/users/${id(user)}` })),
    archive("archive by user_id", "archiveUserByQuery", (user) => ({ path: "/users", query: { user_id: String(user.body.user_id) } }), sends("user_id")),
    archive("archive by e-mail", "archiveUserByQuery", (user) => ({ path: "/users", query: { email: String(user.body.email) } }), sends("email")),
    recreate,
    permanentlyDelete,
  ],
};
