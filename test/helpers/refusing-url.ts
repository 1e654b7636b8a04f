/**
 * A loopback URL that refuses every connection. A port picked free and then let go can be handed to
 * another test's server a moment later (CI caught a "never answers" verify that found a server there
 * and failed its cases); port 9 (discard) lies below the range the OS hands out for port 0, and no
 * test listens on it.
 */
export const REFUSING_URL = "http://127.0.0.1:9";
