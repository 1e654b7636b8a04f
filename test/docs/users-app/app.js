// The app a reader's Playwright suite drives in docs/tutorials/mock-for-a-frontend.md: a user page
// (`/users/<user_id>`, with an Archive button) and a lookup (`/users?user_id=…`), both calling
// Intercom at the base URL its server writes into the page.
const baseUrl = document.querySelector('meta[name="intercom-base-url"]').content;
const headers = { Authorization: "Bearer test-only-intercom-token", Accept: "application/json" };
const main = document.querySelector("main");

const say = (text) => {
  const line = document.createElement("p");
  line.textContent = text;
  main.append(line);
};

async function findUser(userId) {
  const response = await fetch(`${baseUrl}/users?user_id=${encodeURIComponent(userId)}`, { headers });
  return response.ok ? response.json() : undefined;
}

async function archive(userId) {
  const user = await findUser(userId);
  if (!user) return say("No such user");
  const response = await fetch(`${baseUrl}/users/${user.id}`, { method: "DELETE", headers });
  if (response.status === 429) say("Too many requests: try again later");
  else if (response.ok) say("Archived");
  else say(`The archive failed (${response.status})`);
}

const userPage = /^\/users\/([^/]+)$/.exec(location.pathname);
if (userPage) {
  const userId = decodeURIComponent(userPage[1]);
  const button = document.createElement("button");
  button.textContent = "Archive";
  button.addEventListener("click", () => archive(userId));
  main.append(button);
} else {
  const userId = new URLSearchParams(location.search).get("user_id");
  const user = userId === null ? undefined : await findUser(userId);
  say(user ? `${user.user_id}: ${user.email}` : "No such user");
}
