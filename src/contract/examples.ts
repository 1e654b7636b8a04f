import type { Contract } from "./assemble.js";
import type { SchemaIssue, SchemaObject } from "./types.js";

/** One documented example value and the schema it claims to satisfy. */
export interface DocumentedExample {
  /** Where it stands, e.g. `archiveUserById › response 200 application/json › idArchive`. */
  location: string;
  value: unknown;
  schema: SchemaObject;
}

export interface ExampleFailure {
  location: string;
  issues: SchemaIssue[];
}

interface ExampleHolder {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** Every example in the document: parameters, request and response bodies, headers, schemas. */
export function collectExamples(contract: Contract): DocumentedExample[] {
  const found: DocumentedExample[] = [];
  const addFrom = (holder: ExampleHolder, location: string) => {
    const schema = holder.schema as SchemaObject | undefined;
    if (!schema) return;
    if (holder.example !== undefined) found.push({ location: `${location} › example`, value: holder.example, schema });
    for (const [name, example] of Object.entries(holder.examples ?? {})) {
      const value = (example as { value?: unknown }).value;
      if (value !== undefined) found.push({ location: `${location} › ${name}`, value, schema });
    }
  };

  for (const operation of contract.operations) {
    const at = operation.operationId;
    for (const parameter of operation.parameters) {
      addFrom(parameter as ExampleHolder, `${at} › ${parameter.in} parameter ${parameter.name}`);
    }
    for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) {
      addFrom(media as ExampleHolder, `${at} › request body ${mediaType}`);
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        addFrom(media as ExampleHolder, `${at} › response ${status} ${mediaType}`);
      }
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        addFrom(header as ExampleHolder, `${at} › response ${status} header ${name}`);
      }
    }
  }

  const visited = new Set<object>();
  const walkSchema = (schema: unknown, location: string) => {
    if (!schema || typeof schema !== "object" || visited.has(schema)) return;
    visited.add(schema);
    const node = schema as SchemaObject & Record<string, unknown>;
    if (Array.isArray(node.examples)) {
      node.examples.forEach((value, i) => found.push({ location: `${location} › examples[${i}]`, value, schema: node }));
    }
    if (node.example !== undefined) found.push({ location: `${location} › example`, value: node.example, schema: node });
    for (const [key, child] of Object.entries(node)) {
      if (key === "examples" || key === "example" || key === "const" || key === "enum" || key === "default") continue;
      if (Array.isArray(child)) child.forEach((item, i) => walkSchema(item, `${location}/${key}/${i}`));
      else walkSchema(child, `${location}/${key}`);
    }
  };
  for (const [name, schema] of Object.entries(contract.document.components?.schemas ?? {})) {
    walkSchema(schema, `schema ${name}`);
  }
  return found;
}

/** Validates every documented example against its schema with the contract's own validators. */
export function validateExamples(contract: Contract): { total: number; failures: ExampleFailure[] } {
  const examples = collectExamples(contract);
  const failures: ExampleFailure[] = [];
  for (const example of examples) {
    const result = contract.validators.forSchema(example.schema)(example.value);
    if (!result.valid) failures.push({ location: example.location, issues: result.issues });
  }
  return { total: examples.length, failures };
}
