import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

export interface StaticServer {
  /** The page's origin, e.g. http://127.0.0.1:40123 — another port than any mock's, so another origin. */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files of one folder and of its direct subfolders (a Vite build's `assets/`) on a free loopback port: the frontend's own server. */
export async function startStaticServer(folder: URL): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://page").pathname.slice(1) || "index.html";
    const contentType = CONTENT_TYPES[name.slice(name.lastIndexOf("."))];
    if (request.method !== "GET" || !/^(?:[\w-]+\/)?[\w-][\w.-]*$/.test(name) || !contentType) {
      response.writeHead(404).end();
      return;
    }
    readFile(new URL(name, folder)).then(
      (content) => response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(content),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
