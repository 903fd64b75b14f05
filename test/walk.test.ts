// The folder walk (packages/cli/src/walk.ts) finds exactly the files globby found before it, called as
// findFiles called it: fixed trees with nested .gitignore files, negations, anchored and folder rules,
// ignore patterns and a repository root above cwd, seeded random trees, and the corpus when present.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findFiles } from '../packages/cli/src/files.js';
import { canWalk, walkManifests } from '../packages/cli/src/walk.js';
import { ROOT } from './cli-helpers.js';

// globby is the CLI's dependency, not the tests'.
const { globby } = (await import(join(ROOT, 'packages/cli/node_modules/globby/index.js'))) as { globby: (pattern: string, options: Record<string, unknown>) => Promise<string[]> };

const EXTENSIONS = ['yaml', 'yml', 'json'];
const ALWAYS = ['**/node_modules/**', '**/.git/**'];

/** What findFiles returned for a folder before the walk: globby, as it was called. */
async function before(folder: string, cwd: string, ignore: string[], gitignore = true): Promise<string[]> {
  const rel = relative(cwd, folder).split('\\').join('/') || '.';
  const base = rel === '.' ? '' : `${rel}/`;
  return (await globby(`${base}**/*.{${EXTENSIONS.join(',')}}`, { cwd, gitignore, ignore: [...ALWAYS, ...ignore], dot: false, absolute: true })).sort();
}

function after(folder: string, cwd: string, ignore: string[], gitignore = true): string[] {
  return walkManifests(folder, { cwd, ignore: [...ALWAYS, ...ignore], gitignore, extensions: EXTENSIONS }).sort();
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const M = 'kind: ConfigMap\n';

const FIXED: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': '# comment\n*.json\n!keep.json\n/top-only.yaml\nbuild/\nlogs\nspaced.yaml   \nescaped.yaml\\ \n\n',
  'keep.json': '{}',
  'drop.json': '{}',
  'top-only.yaml': M,
  'a/top-only.yaml': M,
  'a/keep.json': '{}',
  'build/x.yaml': M,
  'a/build/y.yaml': M,
  'logs/z.yaml': M,
  'a/logs': M,
  'spaced.yaml': M,
  'escaped.yaml': M,
  'a/.gitignore': '\uFEFFsecret/*.yaml\n!secret/public.yaml\nnested/deep/\n/anchored.yml\n',
  'a/secret/one.yaml': M,
  'a/secret/public.yaml': M,
  'a/secret/sub/two.yaml': M,
  'a/nested/deep/three.yaml': M,
  'a/nested/four.yaml': M,
  'a/anchored.yml': M,
  'a/b/anchored.yml': M,
  'a/b/.gitignore': '!*.json\n*.yml\n',
  'a/b/c.json': '{}',
  'a/b/d.yml': M,
  'a/b/e.yaml': M,
  'vendor/v.yaml': M,
  'x/vendor/v.yaml': M,
  'tmp/t.yaml': M,
  'x/tmp/t.yaml': M,
  'x/tmp/t.yml': M,
  '.hidden/h.yaml': M,
  '.dot.yaml': M,
  'node_modules/pkg/n.yaml': M,
  'deploy/.gitignore': 'local-*.yaml\n',
  'deploy/local-1.yaml': M,
  'deploy/app.yaml': M,
  'deploy/sub/local-2.yaml': M,
  'deploy/sub/app.yml': M,
  'notes.txt': 'not a manifest',
};

const IGNORE_SETS: string[][] = [[], ['vendor'], ['vendor/'], ['**/vendor'], ['**/tmp/*.yaml'], ['x/tmp'], ['*.yml'], ['deploy/**', 'a/b'], ['**/*.json', 'a/secret/']];

test('fixed tree: the walk finds what globby found, for every ignore set, from the root, a sub-folder and a cwd below the repository root', async () => {
  const dir = tree(FIXED);
  try {
    symlinkSync(join(dir, 'deploy'), join(dir, 'x/linked'));
    for (const ignore of IGNORE_SETS) {
      for (const [folder, cwd] of [[dir, dir], [join(dir, 'a'), dir], [join(dir, 'deploy'), dir], [join(dir, 'a'), join(dir, 'a')], [join(dir, 'a/b'), join(dir, 'a')]] as const) {
        if (!canWalk(folder, cwd, ignore)) continue;
        const label = `${relative(dir, folder) || '.'} from ${relative(dir, cwd) || '.'} ignoring ${JSON.stringify(ignore)}`;
        assert.equal(after(folder, cwd, ignore), await before(folder, cwd, ignore), label);
        assert.equal(after(folder, cwd, ignore, false), await before(folder, cwd, ignore, false), `${label}, --no-ignore`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fixed tree without a repository: .gitignore files count from cwd', async () => {
  const files = { ...FIXED };
  delete files['.git/HEAD'];
  const dir = tree(files);
  try {
    for (const cwd of [dir, join(dir, 'a')]) assert.equal(after(cwd, cwd, []), await before(cwd, cwd, []), relative(dir, cwd) || '.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random trees: nested .gitignore files with negations, anchors and folder rules', async () => {
  const names = ['a', 'b', 'c', 'build', 'keep'];
  const rules = ['*.yaml', '!*.yaml', '*.json', '!keep.*', 'build/', '/a', 'a/', 'b/*.yml', '!b/', '**/c', 'c/**', 'keep', '!keep', '*', '!a/'];
  for (let seed = 1; seed <= 40; seed++) {
    const next = random(seed);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n' };
    for (let i = 0; i < 30; i++) {
      const depth = Math.floor(next() * 4);
      const folder = Array.from({ length: depth }, () => pick(names)).join('/');
      files[`${folder ? `${folder}/` : ''}${pick(names)}.${pick(['yaml', 'yml', 'json', 'txt'])}`] = M;
      if (next() < 0.3) files[`${folder ? `${folder}/` : ''}.gitignore`] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(rules)).join('\n');
    }
    // A file and a folder cannot share a path.
    for (const path of Object.keys(files)) if (Object.keys(files).some((other) => other.startsWith(`${path}/`))) delete files[path];
    const dir = tree(files);
    try {
      const ignore = next() < 0.5 ? [] : [pick(['a', 'b/', '**/c', 'build/**', '*.json'])];
      for (const folder of [dir, ...names.map((name) => join(dir, name)).filter((path) => existsSync(path) && !/\.\w+$/.test(path))]) {
        assert.equal(after(folder, dir, ignore), await before(folder, dir, ignore), `seed ${seed}, ${relative(dir, folder) || '.'}, ignoring ${JSON.stringify(ignore)}\n${JSON.stringify(files, null, 1)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('findFiles walks folders itself and leaves globs, negated ignores and folders outside cwd to globby', async () => {
  const dir = tree(FIXED);
  try {
    assert.ok(canWalk(join(dir, 'a'), dir, ['vendor']));
    assert.not.ok(canWalk(join(dir, 'a'), join(dir, 'deploy'), []), 'a folder outside cwd');
    assert.not.ok(canWalk(dir, dir, ['!keep.yaml']), 'a negated ignore pattern');
    assert.not.ok(canWalk(dir, dir, ['@(a|b)/**']), 'an extended glob');
    const paths = async (patterns: string[], cwd: string, ignores: string[] = []) => (await findFiles(patterns, cwd, { ignores })).map((file) => relative(dir, file.path));
    assert.equal(await paths(['.'], dir, ['vendor']), (await before(dir, dir, ['vendor'])).map((path) => relative(dir, path)));
    assert.equal(await paths(['../deploy'], join(dir, 'a')), (await before(join(dir, 'deploy'), join(dir, 'a'), [])).map((path) => relative(dir, path)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const CORPUS = ['../shared/corpus', '/work/shared/corpus'].map((path) => join(ROOT, path)).find((path) => existsSync(path));

test('the corpus: the same files as globby', async () => {
  if (!CORPUS) return;
  assert.equal(after(CORPUS, CORPUS, []), await before(CORPUS, CORPUS, []));
});

test.run();
