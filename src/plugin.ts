import type { Check } from "./checks/types.js";
import type { ConformanceSubject } from "./conformance/plugin.js";
import type { Contract } from "./contract/index.js";
import type { Tamperings } from "./fuzz/tamper.js";
import type { GenerateOptions } from "./fuzz/types.js";
import type { UserModel } from "./fuzz/model/types.js";
import { pluginProblems } from "./plugin-validation.js";
import type { ReferenceLogic } from "./reference/types.js";

/** What a user needs to call a reference server: printed by the CLI, returned by the library. */
export interface TestCredentials {
  token: string;
  [name: string]: string;
}

/** What every reference server gets, besides the settings its own plugin declares. */
export interface ReferenceCreateOptions {
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number;
  /** The API's own settings (e.g. a rate limit), by name, as given to startReferenceServer; unknown ones are ignored. */
  settings: Readonly<Record<string, unknown>>;
}

/**
 * A reference-server setting offered by `mock --stateful` as a flag, e.g. a rate limit. The flag's
 * value is parsed as `value` says, then `toSettings` turns it into the settings the server reads.
 */
export interface ReferenceSettingFlag {
  /** e.g. "--rate-limit"; it takes one value. */
  flag: string;
  /** How --help names the value, e.g. "n". */
  valueName: string;
  help: string;
  value: "positive-integer";
  toSettings(value: number): Record<string, unknown>;
}

export interface ReferencePlugin<Fixtures = unknown> {
  /** Builds the API logic the shared server pipeline runs, seeded from the fixtures. */
  create(contract: Contract, fixtures: Fixtures, options: ReferenceCreateOptions): { api: ReferenceLogic; credentials: TestCredentials };
  /** Flags `mock --stateful` offers for this API's settings. */
  settingFlags: readonly ReferenceSettingFlag[];
  /** The settings the reference gets when `verify` or `fuzz` starts it embedded (e.g. a rate limit no run reaches). */
  verifySettings: Readonly<Record<string, unknown>>;
}

/**
 * How `fuzz` generates this API's requests: the parameters its plugin fills itself (a nonce, an
 * application id), and the case request fields a request without valid credentials needs (an API
 * that signs with the caller's credential must be told not to sign).
 */
export type FuzzSettings = Pick<GenerateOptions, "skipParameters" | "withoutCredentials"> & {
  /** Ways its signed requests may be tampered with (named as its case format's `userAction` names them), each with the refusal its documents give. */
  tamperings?: Tamperings;
  /** What its documents guarantee about the users a client creates, as a state machine `fuzz` draws sequences from (src/fuzz/model/types.ts). */
  model?: UserModel;
};

/**
 * Everything specific to one API, behind one interface (docs/reference/plugin-api.md). The engine
 * (contract, conformance, checks, reference pipeline, mocks, CLI) only ever talks to this.
 */
export interface ApiPlugin<Fixtures = unknown> extends ConformanceSubject<Fixtures> {
  /** How --help names it, e.g. "Acme Users 2.0". */
  title: string;
  /** Absolute path of the folder of its shipped fixtures (seed state of the reference server). */
  fixturesDir: string;
  /** The port `mock` listens on by default. */
  defaultPort: number;
  /** Reads (and checks against the contract) a fixtures folder: the one reading both the reference and the conformance setup use. */
  loadFixtures(dir: string, contract: Contract): Fixtures;
  reference: ReferencePlugin<Fixtures>;
  /** Semantic checks only this API has, by name; a case step may request them with `checks:`. */
  checks?: Readonly<Record<string, Check>>;
  /** One copy-pasteable curl that exercises the API's main operation on a server at `baseUrl` (printed by `mock`). */
  exampleCurl(baseUrl: string, credentials?: TestCredentials): string;
  /** What `mock --stateful` prints after the credentials: how to make a first call to the reference at `baseUrl`. */
  mockHint(baseUrl: string, credentials: TestCredentials): string[];
  /** What `fuzz` must know to generate requests this API's `prepare` can send (none: generate every parameter). */
  fuzz?: FuzzSettings;
}

/** Types a plugin (its fixtures type flows through its methods, its name stays a literal); it returns the plugin as is. */
export function defineApiPlugin<Fixtures, const Name extends string>(plugin: ApiPlugin<Fixtures> & { name: Name }): ApiPlugin<Fixtures> & { name: Name } {
  return plugin;
}

/** Whether a value has the shape of an ApiPlugin (what a plugin module must default-export); `pluginProblems` says what is wrong when not. */
export function isApiPlugin(value: unknown): value is ApiPlugin {
  return pluginProblems(value).length === 0;
}
