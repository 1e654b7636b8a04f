import type { Document } from "./types.js";

/**
 * Resolves the document-internal `$ref`s ("#/components/…") of an already validated document.
 * Every node is copied once, keyed by its JSON pointer, so a component and every reference to it
 * are the same object (validators are cached by identity). Siblings of a `$ref` are merged over
 * its target, as swagger-parser does.
 */
export function dereferenceInternal(document: Document): Document {
  const copies = new Map<string, unknown>();

  const nodeAt = (pointer: string): unknown => {
    let target: unknown = document;
    for (const token of pointer.split("/").slice(1)) {
      target = (target as Record<string, unknown> | undefined)?.[token.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (target === undefined) throw new Error(`reference #${pointer} points to nothing`);
    }
    return target;
  };

  const visit = (node: unknown, pointer: string): unknown => {
    if (!node || typeof node !== "object") return node;
    const known = copies.get(pointer);
    if (known !== undefined) return known;
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      copies.set(pointer, copy);
      node.forEach((item, i) => copy.push(visit(item, `${pointer}/${i}`)));
      return copy;
    }
    const { $ref, ...siblings } = node as Record<string, unknown>;
    if (typeof $ref === "string") {
      if (!$ref.startsWith("#")) throw new Error(`external reference ${$ref} is not supported here`);
      const targetPointer = decodeURIComponent($ref.slice(1));
      const target = visit(nodeAt(targetPointer), targetPointer);
      return Object.keys(siblings).length === 0 ? target : { ...(target as object), ...siblings };
    }
    const copy: Record<string, unknown> = {};
    copies.set(pointer, copy);
    for (const [key, value] of Object.entries(node)) {
      copy[key] = visit(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
    return copy;
  };

  return visit(document, "") as Document;
}
