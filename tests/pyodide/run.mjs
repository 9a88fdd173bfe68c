// Runs the Lite main.py in Pyodide under Node, as xlwings Lite's runtime runs it (tests/pyodide/driver.py),
// and prints what it answered as JSON on stdout. Nothing is fetched: Pyodide comes from the npm package
// (tests/pyodide/package-lock.json), its package repository (numpy, pandas, micropip) is out of reach.
//
//   node run.mjs PYODIDE_DIR WORK_DIR [timings]
//
// WORK_DIR holds main.py (answer-plan lite), xlwings.zip (the xlwings package's Python files), driver.py
// and cases.json ([[name, args], ...]). Each call's data is a JS object, as Office.js makes it, turned into
// Python by the runtime's data.to_py(): a blank cell is null there, JsNull in Python.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, work, mode] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: (s) => process.stderr.write(s + "\n") });
const home = "/home/pyodide";
for (const name of ["xlwings.zip", "driver.py"]) {
  py.FS.writeFile(`${home}/${name}`, readFileSync(join(work, name)));
}
py.runPython(`import sys; sys.path[:0] = ["${home}/xlwings.zip", "${home}"]`);
const driver = py.pyimport("driver");
driver.load_main(readFileSync(join(work, "main.py"), "utf8"));
let out;
if (mode === "timings") {
  out = JSON.parse(await driver.timings());
} else {
  const answers = [];
  for (const [name, args] of JSON.parse(readFileSync(join(work, "cases.json"), "utf8"))) {
    const shell = JSON.parse(driver.shell(name));
    const full = args.concat(Array(Math.max(0, shell.arity - args.length)).fill(null));
    const data = { ...shell.data, args: full.map((a) => (a === null || Array.isArray(a) ? a : [[a]])) };
    answers.push(JSON.parse(await driver.call(data)));
  }
  out = JSON.parse(driver.report(JSON.stringify(answers)));
  out.pyodide = py.version;
}
process.stdout.write(JSON.stringify(out));
