import { HTTP_METHODS, type Document, type HttpMethod, type Operation, type ParameterObject } from "./types.js";

export interface OperationIndex {
  operations: Operation[];
  byId(operationId: string): Operation | undefined;
  /** The operation a concrete request path and method address, with the path parameters it binds. */
  match(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | undefined;
  /** The methods the document allows on the path template matching `path` (for 405 and `Allow`). */
  methodsAt(path: string): HttpMethod[];
}

interface Route {
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  operations: Map<HttpMethod, Operation>;
}

export function indexOperations(document: Document): OperationIndex {
  const operations: Operation[] = [];
  const routes: Route[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    if (!pathItem) continue;
    const route = compileRoute(pathTemplate);
    for (const method of HTTP_METHODS) {
      const definition = pathItem[method];
      if (!definition) continue;
      if (!definition.operationId) {
        throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId`);
      }
      const operation: Operation = {
        operationId: definition.operationId,
        method,
        pathTemplate,
        summary: definition.summary,
        description: definition.description,
        parameters: mergeParameters(
          (pathItem.parameters ?? []) as ParameterObject[],
          (definition.parameters ?? []) as ParameterObject[],
        ),
        requestBody: definition.requestBody as Operation["requestBody"],
        responses: (definition.responses ?? {}) as Operation["responses"],
        security: definition.security ?? document.security ?? [],
        extensions: Object.fromEntries(Object.entries(definition).filter(([key]) => key.startsWith("x-"))),
      };
      operations.push(operation);
      route.operations.set(method, operation);
    }
    routes.push(route);
  }
  // Literal segments win over templated ones ("/users/search" before "/users/{id}").
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  const ids = new Map(operations.map((operation) => [operation.operationId, operation]));

  const findRoute = (path: string) => {
    for (const route of routes) {
      const found = route.pattern.exec(path);
      if (found) return { route, values: found.slice(1) };
    }
    return undefined;
  };

  return {
    operations,
    byId: (operationId) => ids.get(operationId),
    match(method, path) {
      const found = findRoute(path);
      const operation = found?.route.operations.get(method.toLowerCase() as HttpMethod);
      if (!found || !operation) return undefined;
      const pathParams = Object.fromEntries(
        found.route.names.map((name, i) => [name, safeDecode(found.values[i] ?? "")]),
      );
      return { operation, pathParams };
    },
    methodsAt(path) {
      return [...(findRoute(path)?.route.operations.keys() ?? [])];
    },
  };
}

function compileRoute(pathTemplate: string): Route {
  const names: string[] = [];
  const segments = pathTemplate.split("/");
  const source = segments
    .map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
        if (name === undefined) return escapeRegExp(part);
        names.push(name);
        return "([^/]+)";
      }),
    )
    .join("/");
  return {
    pattern: new RegExp(`^${source}/?$`),
    names,
    literalSegments: segments.filter((segment) => segment && !segment.includes("{")).length,
    operations: new Map(),
  };
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterObject[], operationLevel: ParameterObject[]): ParameterObject[] {
  const key = (parameter: ParameterObject) => `${parameter.in}:${parameter.name.toLowerCase()}`;
  const overridden = new Set(operationLevel.map(key));
  return [...pathLevel.filter((parameter) => !overridden.has(key(parameter))), ...operationLevel];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
