/**
 * Which `Host` names a reference server answers. A page of another origin whose name an attacker
 * makes resolve to 127.0.0.1 (DNS rebinding) is same-origin with the server as far as the browser
 * knows: only the Host header tells it apart. An IP address cannot be rebound, so any IP literal is
 * answered, and so are `localhost` (and `*.localhost`, which browsers keep on loopback), the name
 * the server listens on, and the names allowed explicitly.
 */
export interface HostGuard {
  /** Why a request with this Host header is refused, or undefined when it is answered. */
  refusal(hostHeader: string | undefined): string | undefined;
}

export function createHostGuard(listenHost: string, allowedHosts: readonly string[] = []): HostGuard {
  const named = new Set([listenHost, ...allowedHosts].map((host) => hostnameOf(host)).filter((host): host is string => host !== undefined));
  return {
    refusal(hostHeader) {
      // HTTP/1.0 may leave Host out; a browser never does, so nothing is rebound without one.
      if (hostHeader === undefined) return undefined;
      const hostname = hostnameOf(hostHeader);
      if (hostname === undefined) return `Host ${printable(hostHeader)} is not a host name`;
      if (isIpLiteral(hostname) || hostname === "localhost" || hostname.endsWith(".localhost") || named.has(hostname)) return undefined;
      return `this server answers only its own host names, not Host ${hostname} (a page reaching it through another name may be a DNS rebinding attack) — start it with --allowed-host ${hostname} to allow that name`;
    },
  };
}

/** The lower-case host name of `host[:port]` as the URL parser normalises it, or undefined when it is none. */
function hostnameOf(host: string): string | undefined {
  const trimmed = host.trim();
  if (trimmed === "" || /[\s/?#@\\]/.test(trimmed)) return undefined;
  try {
    // A bare IPv6 address (the --host value ::1) needs its brackets to parse as a host.
    return new URL(`http://${trimmed.includes(":") && !trimmed.startsWith("[") && trimmed.split(":").length > 2 ? `[${trimmed}]` : trimmed}`).hostname;
  } catch {
    return undefined;
  }
}

/** The URL parser writes every IPv4 form as four decimal numbers and IPv6 in brackets. */
function isIpLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[");
}

function printable(text: string): string {
  return JSON.stringify(text.slice(0, 100));
}
