import { fileURLToPath } from "node:url";

/** The package's root folder, from both `src/` (tests) and `dist/` (the built CLI). */
export const packageRoot = fileURLToPath(new URL("..", import.meta.url));
