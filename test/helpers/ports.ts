import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Where the OS starts handing out ports for port 0 and outgoing connections (Linux's default if unreadable). */
function ephemeralLow(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

const LOWEST = 10_000;
const below = Math.max(ephemeralLow(), LOWEST + 1_000);

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * A loopback port nothing listens on, for a server a test starts by naming its port (a CLI's
 * `--port`). Drawn below the OS's range for port 0, so a server or connection of a test running
 * beside it is not handed the same port between this check and the bind (CI caught a port picked
 * with port 0 and let go, then given to another test's server).
 */
export async function unusedPort(): Promise<number> {
  for (;;) {
    const port = LOWEST + Math.floor(Math.random() * (below - LOWEST));
    if (await canListen(port)) return port;
  }
}
