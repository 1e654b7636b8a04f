/**
 * What makes a value an ApiPlugin, member by member: a plugin another package wrote is checked
 * here before anything calls it, and every missing or mistyped member is named by its path
 * (`conformance.credentials must be an array`), not found later as an unexpected error.
 */

type Rule = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const text: Rule = (value) => (typeof value === "string" && value !== "" ? undefined : "must be a non-empty string");
const optionalText: Rule = (value) => (value === undefined || typeof value === "string" ? undefined : "must be a string");
const fn: Rule = (value) => (typeof value === "function" ? undefined : "must be a function");
const bool: Rule = (value) => (typeof value === "boolean" ? undefined : "must be true or false");
const object: Rule = (value) => (isObject(value) ? undefined : "must be an object");
const longFlag = (example: string): Rule => (value) => (typeof value === "string" && /^--[a-z][a-z0-9-]*$/.test(value) ? undefined : `must be a long flag such as ${example}`);
const port: Rule = (value) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? undefined : "must be a port number (1 to 65535)");

type Shape = Readonly<Record<string, Rule | { optional: Rule }>>;

/** The problems of an object against a shape, each as `path must …`; a member that is itself checked deeper adds its own. */
function problemsOf(value: unknown, shape: Shape, at: string, deeper: Readonly<Record<string, (member: unknown, path: string) => string[]>> = {}): string[] {
  if (!isObject(value)) return [`${at || "the default export"} must be an object`];
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(shape)) {
    const member = value[key];
    const path = at ? `${at}.${key}` : key;
    if (typeof rule !== "function" && member === undefined) continue;
    const problem = (typeof rule === "function" ? rule : rule.optional)(member);
    if (problem) problems.push(member === undefined ? `${path} is missing` : `${path} ${problem}`);
    else if (deeper[key]) problems.push(...deeper[key](member, path));
  }
  return problems;
}

const arrayOf = (each: (item: unknown, path: string) => string[]) => (value: unknown, path: string) =>
  Array.isArray(value) ? value.flatMap((item, i) => each(item, `${path}[${i}]`)) : [`${path} must be an array`];

const CREDENTIAL: Shape = {
  name: text,
  flag: longFlag("--acme-token"),
  valueName: text,
  env: text,
  help: text,
  secret: bool,
  envName: { optional: optionalText },
  envHelp: { optional: optionalText },
  required: { optional: optionalText },
  file: { optional: object },
};

const SETTING_FLAG: Shape = {
  flag: longFlag("--rate-limit"),
  valueName: text,
  help: text,
  value: (value) => (value === "positive-integer" ? undefined : 'must be "positive-integer"'),
  toSettings: fn,
};

const CHECK: Shape = { run: fn, semantic: { optional: (value) => (value === undefined ? undefined : bool(value)) } };

const PLUGIN: Shape = {
  name: (value) => (typeof value === "string" && /^[a-z][a-z0-9-]*$/.test(value) ? undefined : "must be a lower-case name such as acme (letters, digits, dashes)"),
  title: text,
  contractFile: text,
  casesDir: text,
  fixturesDir: text,
  errorSchemaName: text,
  defaultPort: port,
  loadFixtures: fn,
  exampleCurl: fn,
  mockHint: fn,
  reference: object,
  conformance: object,
  checks: { optional: object },
  caseRequestSchema: { optional: object },
  fuzz: { optional: object },
};

/** Every problem that keeps `value` from being an ApiPlugin, by path; none when it is one. */
export function pluginProblems(value: unknown): string[] {
  return problemsOf(value, PLUGIN, "", {
    reference: (member, path) =>
      problemsOf(member, { create: fn, settingFlags: (item) => (Array.isArray(item) ? undefined : "must be an array"), verifySettings: object }, path, {
        settingFlags: arrayOf((item, at) => problemsOf(item, SETTING_FLAG, at)),
      }),
    conformance: (member, path) =>
      problemsOf(
        member,
        {
          secretHeaders: (item) => (Array.isArray(item) && item.every((name) => typeof name === "string") ? undefined : "must be an array of header names"),
          credentials: (item) => (Array.isArray(item) ? undefined : "must be an array"),
          createApi: fn,
          referenceSetup: fn,
          prismCredentials: fn,
        },
        path,
        { credentials: arrayOf((item, at) => problemsOf(item, CREDENTIAL, at)) },
      ),
    checks: (member, path) => Object.entries(member as Record<string, unknown>).flatMap(([name, check]) => problemsOf(check, CHECK, `${path}.${name}`)),
  });
}
