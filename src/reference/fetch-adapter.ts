import type { EngineRequest, ReferenceEngine } from "./engine.js";

/**
 * The engine behind the Fetch API: `Request` in, `Response` out, as MSW handlers, service workers
 * and edge runtimes speak it. The body is read up to the engine's limit and no further.
 */
export function fetchHandler(engine: ReferenceEngine, remoteAddress = "in-page"): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: EngineRequest["headers"] = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    // The Fetch API keeps Host out of a Request's headers; the URL says which host was addressed.
    headers.host ??= url.host;
    const { response } = await engine.handle({
      method: request.method,
      target: `${url.pathname}${url.search}`,
      headers,
      body: await boundedText(request, engine.maxBodyBytes),
      remoteAddress,
    });
    // A 1xx, 204, 205 or 304 answer has no body in the Fetch API.
    const bodyless = response.status < 200 || [204, 205, 304].includes(response.status) || response.body === undefined;
    return new Response(bodyless ? null : JSON.stringify(response.body), { status: response.status, headers: response.headers });
  };
}

/** The body as UTF-8 text, or undefined once it passes `maxBytes` (the rest is not read). */
async function boundedText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
