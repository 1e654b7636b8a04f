import { createServer } from "node:net";
import { UserError } from "../errors.js";

/** Fails with one clear line when `host:port` cannot be listened on (in use, not local, privileged). */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new UserError(`port ${port} on ${host} is already in use — pass --port with a free port`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new UserError(`host ${host} is not an address of this machine — pass --host 127.0.0.1`));
      else if (error.code === "EACCES") reject(new UserError(`port ${port} needs privileges — pass --port 1024 or higher`));
      else reject(new UserError(`cannot listen on ${host}:${port}: ${error.message}`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port that was free a moment ago (for tools that cannot be told to pick one). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
