/**
 * `archive-kit/testing`: what a plugin author tests a plugin with — the CLI run as a user runs it,
 * and a mutating proxy that puts a deliberate deviation in front of a correct server, to prove a
 * check can fail.
 */
export { runCli, type CliResult, type RunCliOptions } from "./testing/run-cli.js";
export { jsonOf, passThrough, pathOf, startMutatingProxy, withJson, type Forward, type Mutation, type MutatingProxy, type ProxyAnswer, type ProxyRequest, type ProxyResponse } from "./testing/mutating-proxy.js";
