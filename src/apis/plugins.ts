import { dfnsPlugin } from "./dfns/index.js";
import { intercomPlugin } from "./intercom/index.js";
import type { ApiPlugin } from "./plugin.js";
import type { ApiName } from "./registry.js";

export const API_PLUGINS: Record<ApiName, ApiPlugin> = {
  intercom: intercomPlugin,
  dfns: dfnsPlugin,
};
