// Renders the OpenAPI 3.1 contracts (openapi/*.yaml) as OpenAPI 3.0.3, for tools that read only
// 3.0 (Dredd 14). Only what 3.0 cannot say is rewritten; everything else is kept as it is:
//   - `openapi: 3.0.3`; `info.summary` and `info.license.identifier` dropped (3.1 only)
//   - in schemas: `type: [t, "null"]` → `type: t` + `nullable: true` (several types → `anyOf`),
//     `const: v` → `enum: [v]`, `examples: [a, …]` → `example: a`
// Example values (`example`, `examples`, `x-*` extensions) are data and are never rewritten.
// With `{ parameterExample: true }` (what Dredd needs: it reads a parameter's `example` but not its
// `examples` map, and stops with "Required URI parameter … has no example"), a parameter's
// `examples` map is replaced by `example: <its first value>` (3.0 allows one or the other).
// Used by bench/verify.mjs; also runnable alone: `node bench/to-openapi-3.0.mjs <out dir> [--parameter-example]`.
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dump, load } from "js-yaml";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Converts every openapi/*.yaml into `outDir` (a new temp folder by default); resolves to { api: file }. */
export async function convertContracts(outDir, options = {}) {
  const dir = outDir ?? (await mkdtemp(path.join(tmpdir(), "archive-kit-openapi-3.0-")));
  await mkdir(dir, { recursive: true });
  const files = {};
  for (const name of (await readdir(path.join(root, "openapi"))).filter((file) => file.endsWith(".yaml")).sort()) {
    const document = toOpenApi30(load(await readFile(path.join(root, "openapi", name), "utf8")), options);
    const file = path.join(dir, name);
    await writeFile(file, dump(document, { lineWidth: -1, noRefs: true }));
    files[path.basename(name, ".yaml")] = file;
  }
  return files;
}

/** A 3.0.3 rendering of a parsed 3.1 document (the input is not modified). */
export function toOpenApi30(document, options = {}) {
  const out = walkDocument(structuredClone(document), undefined, options);
  out.openapi = "3.0.3";
  if (out.info) {
    delete out.info.summary;
    if (out.info.license) delete out.info.license.identifier;
  }
  return out;
}

const EXAMPLE_DATA = new Set(["example", "examples"]);

/** Walks the non-schema part of the document; every `schema` and `components.schemas` entry is converted. */
function walkDocument(node, key, options) {
  if (Array.isArray(node)) return node.map((item) => walkDocument(item, undefined, options));
  if (!isObject(node)) return node;
  if (options.parameterExample && typeof node.in === "string" && typeof node.name === "string" && isObject(node.examples) && !("example" in node)) {
    const first = Object.values(node.examples).find((example) => isObject(example) && "value" in example);
    if (first) {
      node.example = first.value;
      delete node.examples;
    }
  }
  for (const [name, value] of Object.entries(node)) {
    if (EXAMPLE_DATA.has(name) || name.startsWith("x-")) continue;
    if (name === "schema") node[name] = convertSchema(value);
    else if (name === "schemas" && key === "components") node[name] = mapValues(value, convertSchema);
    else node[name] = walkDocument(value, name, options);
  }
  return node;
}

const SUBSCHEMA = ["items", "not", "additionalProperties", "contains", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];

/** One JSON Schema (2020-12, as 3.1 uses it) rewritten for the 3.0 schema dialect. */
export function convertSchema(schema) {
  if (!isObject(schema)) return schema;
  for (const key of SUBSCHEMA) if (isObject(schema[key])) schema[key] = convertSchema(schema[key]);
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(schema[key])) schema[key] = schema[key].map(convertSchema);
  for (const key of SUBSCHEMA_MAPS) if (isObject(schema[key])) schema[key] = mapValues(schema[key], convertSchema);

  if ("const" in schema) {
    schema.enum = [schema.const];
    delete schema.const;
  }
  if (Array.isArray(schema.examples)) {
    if (schema.examples.length > 0 && !("example" in schema)) schema.example = schema.examples[0];
    delete schema.examples;
  }
  if (Array.isArray(schema.type)) {
    const nullable = schema.type.includes("null");
    const types = schema.type.filter((type) => type !== "null");
    delete schema.type;
    if (types.length === 1) schema.type = types[0];
    else if (types.length > 1) {
      // 3.0 has no type lists: one branch per type, each nullable when null was allowed.
      const branches = types.map((type) => ({ type, ...(nullable ? { nullable: true } : {}) }));
      if (schema.anyOf) schema.allOf = [...(schema.allOf ?? []), { anyOf: branches }];
      else schema.anyOf = branches;
    }
    if (nullable && types.length <= 1) schema.nullable = true;
  } else if (schema.type === "null") {
    delete schema.type;
    schema.nullable = true;
  }
  return reorder(schema);
}

/** Keeps `type`/`nullable` near the top, as a reader of the 3.0 rendering expects. */
function reorder(schema) {
  if (!("nullable" in schema)) return schema;
  const { type, nullable, ...rest } = schema;
  return { ...(type !== undefined ? { type } : {}), nullable, ...rest };
}

function mapValues(object, fn) {
  if (!isObject(object)) return object;
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await convertContracts(process.argv[2], { parameterExample: process.argv.includes("--parameter-example") });
  for (const [api, file] of Object.entries(files)) console.log(`${api}: ${file}`);
}
