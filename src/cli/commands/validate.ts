import path from "node:path";
import pc from "picocolors";
import { loadContract, validateExamples, formatIssues } from "../../contract/index.js";
import { linkProblems } from "../../fuzz/links.js";
import { lifecycleProblem, sequenceRoots } from "../../fuzz/lifecycle-roots.js";
import type { PluginRegistry } from "../../plugin-registry.js";
import { plural } from "../../plural.js";
import type { Io } from "../io.js";

/** Validates contracts and their examples; 0 when all are valid, 1 when an example is not. Links fuzz cannot follow are warnings. */
export async function validateCommand(apis: PluginRegistry, options: { api: string; contract?: string[] }, io: Io): Promise<number> {
  const targets = options.contract
    ? options.contract.map((file) => ({ label: path.basename(file), file: path.resolve(file) }))
    : (options.api === "all" ? apis.plugins : [apis.get(options.api)]).map((plugin) => ({ label: plugin.name, file: plugin.contractFile }));

  let invalid = 0;
  for (const target of targets) {
    const contract = await loadContract(target.file);
    const compiled = contract.validators.compileAll(contract.operations);
    const { total, failures } = validateExamples(contract);
    invalid += failures.length;
    const verdict = failures.length === 0 ? pc.green("all valid") : pc.red(`${failures.length} invalid`);
    io.out(
      `${target.label.padEnd(9)} ${path.relative(process.cwd(), target.file)}  ` +
        `${plural(contract.operations.length, "operation")}, ${plural(total, "documented example")}, ${plural(compiled, "response validator")}: ${verdict}`,
    );
    for (const failure of failures) io.out(`  ${pc.red("✗")} ${failure.location}: ${formatIssues(failure.issues)}`);
    // What fuzz cannot follow: warnings, as the contract is still valid; its lifecycles miss them.
    for (const problem of linkProblems(contract)) io.out(`  ${pc.yellow("!")} ${problem} — fuzz does not follow this link`);
    for (const root of sequenceRoots(contract, contract.operations)) {
      const problem = lifecycleProblem(contract, root);
      if (problem) io.out(`  ${pc.yellow("!")} ${root.operationId}: ${problem}`);
    }
  }
  return invalid === 0 ? 0 : 1;
}
