#!/usr/bin/env node
// Precision study helper (issue 17): lint a field corpus of real-world manifests,
// count findings per rule, and draw a deterministic, seeded sample of findings to judge.
//
//   node scripts/precision-sample.mjs [CORPUS_DIR] [--out DIR] [--seed S] [--sample N]
//                                     [--min-per-rule N] [--presets recommended,strict] [--projects a,b]
//
// CORPUS_DIR (default /work/field-corpus) holds one folder per project, named <owner>__<repo>,
// each with the project's files at their original paths. Folders starting with "_" or "." are
// skipped (the default output folder is CORPUS_DIR/_precision).
//
// What is linted: every *.yaml, *.yml, *.json file of a project that holds at least one document
// with a string `apiVersion` and `kind` (or that does not parse at all: the linter's parse errors
// count), minus the files a kustomization names as patches and test-tool configs (chainsaw, kuttl,
// kind); kustomization files themselves are linted with the rest (since round 5). Each project is
// linted in one run, so cross-file rules see the whole project, the way `kubelore <project-dir>` would
// in CI.
//
// Outputs (in --out): files.json (kept and skipped files), counts.json and counts.md (findings per
// rule, per project, per category, per preset; crashes and parse failures), findings.json (every
// finding, per preset), sample.json and sample.md (the findings to judge, with the source line).
//
// Sampling: per rule, a quota proportional to the square root of the rule's count (at least
// --min-per-rule, at most the count), scaled to about --sample in all; within a rule, findings
// are shuffled per project with a PRNG seeded by (seed, rule, project) and taken round-robin
// across projects, so a rule's sample does not change when another rule's count does.

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join, relative, dirname, resolve, posix, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const require = createRequire(join(repoRoot, "package.json"));
const YAML = require("yaml");
process.removeAllListeners("warning"); // yaml's "keys with collection values" warnings while counting documents

// ---------- arguments
const args = process.argv.slice(2);
const opt = { out: null, seed: "kubelore-precision-1", sample: 170, minPerRule: 5, presets: ["recommended", "strict"] };
let corpus = "/work/field-corpus";
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--out") opt.out = args[++i];
  else if (a === "--seed") opt.seed = args[++i];
  else if (a === "--sample") opt.sample = Number(args[++i]);
  else if (a === "--min-per-rule") opt.minPerRule = Number(args[++i]);
  else if (a === "--presets") opt.presets = args[++i].split(",");
  else if (a === "--projects") opt.projects = args[++i].split(",");
  else if (a === "-h" || a === "--help") {
    console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 25).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
    process.exit(0);
  } else corpus = a;
}
corpus = resolve(corpus);
const outDir = resolve(opt.out ?? join(corpus, "_precision"));
const cli = join(repoRoot, "packages/cli/bin/kubelore.js");

// ---------- category of a file: production, demo (examples, samples, recipes) or test (fixtures)
// Per-project overrides first (first match wins), then a path heuristic.
const CATEGORY_OVERRIDES = {
  // rook: the top-level install and cluster examples (crds, common, operator, cluster, pools, object stores,
  // monitoring) are what users apply; test/minikube variants, sample apps and the csi/cosi sample pods are demos.
  "rook__rook": [[/(test|minikube|mysql|wordpress|kube-registry|direct-mount|multus-validation|bucket-notification)/i, "demo"],
    [/^deploy\/examples\/([^/]+\.yaml|monitoring\/.*|csi\/[^/]+\/storageclass[^/]*\.yaml)$/, "production"], [/^deploy\/examples\//, "demo"]],
  "kubernetes__kube-state-metrics": [[/^examples\//, "production"]],
  // deploy/backupstores/ are the stores Longhorn's own tests run against (longhorn-test-*): fixtures.
  "longhorn__longhorn": [[/^deploy\/backupstores\//, "test"], [/^deploy\//, "production"]],
  "strimzi__strimzi-kafka-operator": [[/^install\//, "production"]],
  "argoproj__argo-workflows": [[/^manifests\/(quick-start|components)\//, "demo"], [/^manifests\//, "production"]],
  "elastic__cloud-on-k8s": [[/^config\/crds\//, "production"]],
  "istio__istio": [[/^samples\//, "demo"]],
  // round 3. The hostpath driver is a sample driver for CI and demos (its README: not for production);
  // its `-test` deploy variant is what its own CI applies.
  // config/tools/ holds the sample sinks and the test event recorder of Knative Eventing's own e2e tests.
  "knative__eventing": [[/^config\/tools\//, "demo"]],
  "kubernetes-csi__csi-driver-host-path": [[/^deploy\/[^/]*-test\//, "test"], [/./, "demo"]],
};
function category(project, file) {
  for (const [re, cat] of CATEGORY_OVERRIDES[project] ?? []) if (re.test(file)) return cat;
  if (/(^|\/)(tests?|e2e|testdata|fixtures?)(\/|$)/i.test(file)) return "test";
  if (/(^|\/)(examples?|samples?|demos?|recipes|docs)(\/|$)/i.test(file)) return "demo";
  return "production";
}

// ---------- file selection
const TOOL_API = /^(chainsaw\.kyverno\.io|kuttl\.dev|kind\.x-k8s\.io|kustomize\.config\.k8s\.io|skaffold\/)/;
function walk(dir, base = dir, acc = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    let st;
    try { st = statSync(p); } catch { continue; } // broken symlink
    if (st.isDirectory()) { if (name !== ".git" && name !== "node_modules") walk(p, base, acc); }
    else if (/\.(ya?ml|json)$/i.test(name)) acc.push(relative(base, p).split(sep).join("/"));
  }
  return acc;
}
function docsOf(text) {
  try {
    const docs = YAML.parseAllDocuments(text, { uniqueKeys: false, strict: false });
    const list = Array.isArray(docs) ? docs : [docs];
    const out = [];
    let broken = false;
    for (const d of list) {
      if (d.errors?.length) broken = true;
      let js;
      try { js = d.toJS({ maxAliasCount: -1 }); } catch { js = undefined; broken = true; }
      if (d.contents !== null && d.contents !== undefined) out.push(js);
    }
    return { docs: out, broken };
  } catch { return { docs: [], broken: true }; }
}
function kustomizePatches(projectDir, files) {
  const patches = new Set();
  for (const f of files) {
    if (!/(^|\/)kustomization\.ya?ml$/i.test(f)) continue;
    const { docs } = docsOf(readFileSync(join(projectDir, f), "utf8"));
    const k = docs[0];
    if (!k || typeof k !== "object") continue;
    const names = [];
    for (const p of [].concat(k.patchesStrategicMerge ?? [])) if (typeof p === "string") names.push(p);
    for (const key of ["patches", "patchesJson6902"]) for (const p of [].concat(k[key] ?? [])) if (p && typeof p.path === "string") names.push(p.path);
    for (const n of names) patches.add(posix.normalize(posix.join(posix.dirname(f), n)));
  }
  return patches;
}
function selectFiles(project, projectDir) {
  const all = walk(projectDir);
  const patches = kustomizePatches(projectDir, all);
  const kept = [], skipped = [];
  for (const f of all) {
    // Kustomization files are linted with the rest, as a walk of the folder reads them: they say what is
    // applied together and which labels kustomize writes (round 5; rounds 2 to 4 left them out).
    if (/(^|\/)kustomization\.ya?ml$/i.test(f)) { kept.push({ file: f, documents: 1, objects: 1, category: category(project, f) }); continue; }
    if (patches.has(f)) { skipped.push({ file: f, why: "kustomize-patch" }); continue; }
    const text = readFileSync(join(projectDir, f), "utf8");
    const { docs, broken } = docsOf(text);
    const objs = docs.filter((d) => d && typeof d === "object" && typeof d.apiVersion === "string" && typeof d.kind === "string");
    if (objs.length && objs.every((d) => TOOL_API.test(d.apiVersion))) { skipped.push({ file: f, why: "test-tool-config" }); continue; }
    if (!objs.length && !(broken && docs.length === 0) && !(broken && /^\s*(apiVersion|kind):/m.test(text))) {
      skipped.push({ file: f, why: docs.length ? "not-k8s-object" : "empty" }); continue;
    }
    kept.push({ file: f, documents: docs.length, objects: objs.length, category: category(project, f) });
  }
  return { kept, skipped };
}

// ---------- lint
function lint(projectDir, files, preset) {
  const r = spawnSync(process.execPath, [cli, "--no-config-lookup", "--format", "json", "--preset", preset, ...files],
    { cwd: projectDir, maxBuffer: 1 << 30, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) return { crashed: true, status: r.status, stderr: r.stderr, results: [] };
  return { crashed: false, status: r.status, stderr: r.stderr, results: JSON.parse(r.stdout) };
}

// ---------- seeded PRNG
function hash(s) { let h = 2166136261; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; }
function mulberry32(a) { return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function shuffle(arr, seedStr) { const rnd = mulberry32(hash(seedStr)); const a = arr.slice(); for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; }

// ---------- main
const projects = readdirSync(corpus)
  .filter((n) => !n.startsWith("_") && !n.startsWith(".") && statSync(join(corpus, n)).isDirectory())
  .filter((n) => !opt.projects || opt.projects.includes(n))
  .sort();
const filesReport = {}, findings = { }, crashes = [], sources = [];
for (const preset of opt.presets) findings[preset] = [];
for (const project of projects) {
  const dir = join(corpus, project);
  const { kept, skipped } = selectFiles(project, dir);
  filesReport[project] = { kept, skipped };
  const catOf = Object.fromEntries(kept.map((k) => [k.file, k.category]));
  const lines = {};
  const lineText = (file, line) => {
    lines[file] ??= readFileSync(join(dir, file), "utf8").split(/\r?\n/);
    return (lines[file][line - 1] ?? "").trim().slice(0, 140);
  };
  sources.push({ project, files: kept.length, documents: kept.reduce((s, k) => s + k.documents, 0), objects: kept.reduce((s, k) => s + k.objects, 0),
    byCategory: kept.reduce((m, k) => ((m[k.category] = (m[k.category] ?? 0) + k.documents), m), {}), skipped: skipped.length });
  for (const preset of opt.presets) {
    const r = lint(dir, kept.map((k) => k.file), preset);
    if (r.crashed) { crashes.push({ project, preset, kind: "cli-exit", status: r.status, stderr: r.stderr.slice(0, 2000) }); continue; }
    for (const res of r.results) {
      const file = res.filePath.split(sep).join("/");
      for (const m of res.messages) {
        const f = { rule: m.ruleId ?? "(parse-error)", project, category: catOf[file] ?? category(project, file), file, line: m.line ?? 0, column: m.column ?? 0,
          severity: m.severity, kind: m.resource?.kind ?? "", name: m.resource?.name ?? "", message: m.message, text: m.line ? lineText(file, m.line) : "" };
        findings[preset].push(f);
        if (preset === opt.presets[0] && (m.fatal || m.ruleId === "kubelore/rule-error")) crashes.push({ project, preset, kind: m.fatal ? "parse-error" : "rule-error", file, line: m.line, message: m.message });
        if (preset === opt.presets[0] && m.line && lines[file] && m.line > lines[file].length + 1) crashes.push({ project, preset, kind: "bad-position", file, line: m.line, message: m.message });
      }
    }
  }
}

function countBy(list, key) { const m = {}; for (const x of list) { const k = key(x); m[k] = (m[k] ?? 0) + 1; } return m; }
const counts = {};
for (const preset of opt.presets) {
  const list = findings[preset];
  const rules = [...new Set(list.map((f) => f.rule))].sort();
  counts[preset] = { total: list.length, perRule: Object.fromEntries(rules.map((r) => {
    const l = list.filter((f) => f.rule === r);
    return [r, { total: l.length, byProject: countBy(l, (f) => f.project), byCategory: countBy(l, (f) => f.category) }];
  })) };
}

// sample from the first preset
const base = findings[opt.presets[0]];
const perRule = counts[opt.presets[0]].perRule;
const rules = Object.keys(perRule);
const weight = Object.fromEntries(rules.map((r) => [r, Math.sqrt(perRule[r].total)]));
const wsum = rules.reduce((s, r) => s + weight[r], 0) || 1;
const quota = Object.fromEntries(rules.map((r) => [r, Math.min(perRule[r].total, Math.max(opt.minPerRule, Math.round((opt.sample * weight[r]) / wsum)))]));
const sample = [];
for (const r of rules) {
  const byProject = {};
  for (const f of base.filter((x) => x.rule === r)) (byProject[f.project] ??= []).push(f);
  const queues = shuffle(Object.keys(byProject).sort(), `${opt.seed}|${r}`).map((p) => shuffle(byProject[p], `${opt.seed}|${r}|${p}`));
  const picked = [];
  while (picked.length < quota[r] && queues.some((q) => q.length)) for (const q of queues) if (q.length && picked.length < quota[r]) picked.push(q.shift());
  sample.push(...picked.sort((a, b) => (a.project + a.file).localeCompare(b.project + b.file) || a.line - b.line));
}
sample.forEach((s, i) => (s.id = i + 1));

// ---------- write
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "files.json"), JSON.stringify(filesReport, null, 1));
writeFileSync(join(outDir, "counts.json"), JSON.stringify({ corpus, seed: opt.seed, sources, counts, crashes }, null, 1));
writeFileSync(join(outDir, "sample.json"), JSON.stringify(sample, null, 1));
writeFileSync(join(outDir, "findings.json"), JSON.stringify(findings, null, 0));
const md = [];
md.push(`# Field-corpus counts\n\ncorpus: ${corpus}\n`);
md.push("| project | files | documents | objects | production | demo | test | skipped files |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const s of sources) md.push(`| ${s.project} | ${s.files} | ${s.documents} | ${s.objects} | ${s.byCategory.production ?? 0} | ${s.byCategory.demo ?? 0} | ${s.byCategory.test ?? 0} | ${s.skipped} |`);
const tot = (k) => sources.reduce((a, s) => a + s[k], 0);
md.push(`| **total** | ${tot("files")} | ${tot("documents")} | ${tot("objects")} | | | | ${tot("skipped")} |\n`);
for (const preset of opt.presets) {
  md.push(`## ${preset}: ${counts[preset].total} findings\n`, `| rule | total | production | demo | test | ${projects.map((p) => p.split("__")[1]).join(" | ")} |`, `| --- | ---: | ---: | ---: | ---: | ${projects.map(() => "---:").join(" | ")} |`);
  for (const [r, c] of Object.entries(counts[preset].perRule).sort((a, b) => b[1].total - a[1].total))
    md.push(`| ${r} | ${c.total} | ${c.byCategory.production ?? 0} | ${c.byCategory.demo ?? 0} | ${c.byCategory.test ?? 0} | ${projects.map((p) => c.byProject[p] ?? 0).join(" | ")} |`);
  md.push("");
}
md.push("## Crashes, parse errors, bad positions\n");
for (const c of crashes) md.push(`- ${c.kind} ${c.project} ${c.file ?? ""}:${c.line ?? ""} ${String(c.message ?? c.stderr).split("\n")[0]}`);
writeFileSync(join(outDir, "counts.md"), md.join("\n") + "\n");
const esc = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");
const smd = [`# Sample to judge (seed ${opt.seed}, ${sample.length} findings)\n`, "| # | rule | project | category | file:line | object | source line | verdict | reason |", "| ---: | --- | --- | --- | --- | --- | --- | --- | --- |"];
for (const s of sample) smd.push(`| ${s.id} | ${s.rule} | ${s.project} | ${s.category} | ${s.file}:${s.line} | ${s.kind}/${esc(s.name)} | \`${esc(s.text)}\` | | |`);
writeFileSync(join(outDir, "sample.md"), smd.join("\n") + "\n");
console.log(`${projects.length} projects, ${tot("files")} files, ${tot("documents")} documents; ` +
  opt.presets.map((p) => `${p}: ${counts[p].total} findings`).join(", ") + `; sample ${sample.length}; crashes/parse errors ${crashes.length}; written to ${outDir}`);
