// Seeded mutations of manifests for the fuzz test. Plain JavaScript so the fuzz child process starts
// without a TypeScript loader. Every choice comes from the seeded generator: a seed replays exactly.

/** mulberry32: small, fast, good enough to pick mutations; the same seed gives the same sequence. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

// Characters that mean something to YAML, JSON, templates and our own directives, plus the awkward ones.
const NOISE = [
  ':', '-', ' ', '  ', '\n', '\t', '\r', '\r\n', '#', '&a', '*a', '!', '!!str ', '|', '>', '[', ']', '{', '}', ',', '"', "'", '?',
  '%', '@', '`', '{{', '}}', '{{ .Values.x }}', '---\n', '...\n', '\0', '\uFEFF', '\uFFFD', '\u2028', 'é', '😀', '<<: *a',
  '# kubelore-disable-line', '0x1F', '1e999', '-0', 'null', '~', 'true', 'NaN', '.inf', '9999999999999999999999',
];

function lines(text) {
  return text.split('\n');
}

export const MUTATIONS = {
  truncate(text, rng) {
    return text.slice(0, rng.int(text.length + 1));
  },
  flipCharacters(text, rng) {
    let out = text;
    const count = 1 + rng.int(6);
    for (let i = 0; i < count && out.length > 0; i++) {
      const at = rng.int(out.length);
      const replacement = rng.next() < 0.5 ? rng.pick(NOISE) : String.fromCharCode(rng.int(0x80));
      out = out.slice(0, at) + replacement + out.slice(at + (rng.next() < 0.5 ? 1 : 0));
    }
    return out;
  },
  deleteKey(text, rng) {
    const all = lines(text);
    const keyLines = all.map((line, index) => [line, index]).filter(([line]) => /^\s*-?\s*[\w./-]+:/.test(line));
    if (keyLines.length === 0) return text;
    const [line, index] = rng.pick(keyLines);
    const indent = line.search(/\S/);
    // The key and its block: every following line indented deeper.
    let end = index + 1;
    while (end < all.length && (all[end].trim() === '' || all[end].search(/\S/) > indent)) end++;
    return [...all.slice(0, index), ...all.slice(end)].join('\n');
  },
  duplicateDocuments(text, rng) {
    const documents = text.split(/^---\s*$/m);
    const copy = rng.pick(documents);
    return rng.next() < 0.5 ? `${text}\n---\n${copy}` : `${copy}\n---\n${text}`;
  },
  deepenNesting(text, rng) {
    const all = lines(text);
    const at = rng.int(all.length);
    const levels = rng.next() < 0.2 ? 100 + rng.int(120) : 1 + rng.int(8);
    if (rng.next() < 0.5) {
      // Indent the rest of the document under new keys.
      const prefix = Array.from({ length: levels }, (_, depth) => `${'  '.repeat(depth)}nest${depth}:`);
      const pad = '  '.repeat(levels);
      return [...all.slice(0, at), ...prefix, ...all.slice(at).map((line) => pad + line)].join('\n');
    }
    // Wrap one line's value in flow sequences.
    const line = all[at];
    const colon = line.indexOf(': ');
    if (colon === -1) return text;
    all[at] = `${line.slice(0, colon + 2)}${'['.repeat(levels)}${line.slice(colon + 2)}${']'.repeat(levels)}`;
    return all.join('\n');
  },
  shuffleLines(text, rng) {
    const all = lines(text);
    const a = rng.int(all.length);
    const b = rng.int(all.length);
    [all[a], all[b]] = [all[b], all[a]];
    return all.join('\n');
  },
  reindent(text, rng) {
    const all = lines(text);
    const at = rng.int(all.length);
    all[at] = rng.next() < 0.5 ? ` ${all[at]}` : all[at].replace(/^ /, '');
    return all.join('\n');
  },
  splice(text, rng, seeds) {
    const other = rng.pick(seeds).text;
    return text.slice(0, rng.int(text.length + 1)) + other.slice(rng.int(other.length + 1));
  },
  changeTypes(text, rng) {
    // Strings where numbers belong and the reverse: values replaced by a scalar of another type.
    const all = lines(text);
    const valued = all.map((line, index) => [line, index]).filter(([line]) => /:\s+\S/.test(line));
    if (valued.length === 0) return text;
    const [line, index] = rng.pick(valued);
    all[index] = line.replace(/:\s+.*$/, `: ${rng.pick(['1', '"1"', 'true', '-1', '0.5', '[]', '{}', 'null', '"x"', '2147483648', '1e3'])}`);
    return all.join('\n');
  },
};

/** Applies 1 to 3 random mutations; returns the text and their names (to replay or explain a failure). */
export function mutate(seedText, rng, seeds) {
  const names = Object.keys(MUTATIONS);
  const applied = [];
  let text = seedText;
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) {
    const name = rng.pick(names);
    applied.push(name);
    text = MUTATIONS[name](text, rng, seeds);
  }
  return { text, applied };
}
