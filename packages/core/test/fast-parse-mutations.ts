// Character and line mutations for the fast-parse fuzz, on top of the repository's fuzz mutations
// (test/fuzz/mutations.mjs). All choices come from the seeded generator, so a seed replays exactly.
import { mutate as repositoryMutate, random } from '../../../test/fuzz/mutations.mjs';

export { random };
export type Rng = ReturnType<typeof random>;

/** Small pieces that matter to YAML's grammar, and a few that matter to the composer's checks. */
const PIECES = [
  ' ', '  ', '\t', '\n', '\r\n', ':', ': ', '-', '- ', '? ', '#', ' #', ',', '[', ']', '{', '}', '"', "'", '|', '>', '|-', '>+', '&', '*',
  '!', '!!str ', '%', '@', '`', '\\', '~', 'null', 'true', '0x1F', '0o7', '.5', '1e3', '.nan', '<<', '__proto__', '---', '...', 'é', '\u2028', '\uFEFF',
];

function lines(text: string): string[] {
  return text.split('\n');
}

const CHARACTER_AND_LINE: Record<string, (text: string, rng: Rng, seeds: string[]) => string> = {
  deleteCharacters(text, rng) {
    const at = rng.int(text.length + 1);
    return text.slice(0, at) + text.slice(at + 1 + rng.int(3));
  },
  duplicateCharacters(text, rng) {
    const at = rng.int(text.length + 1);
    const length = 1 + rng.int(4);
    return text.slice(0, at + length) + text.slice(at, at + length) + text.slice(at + length);
  },
  insertPiece(text, rng) {
    const at = rng.int(text.length + 1);
    return text.slice(0, at) + rng.pick(PIECES) + text.slice(at);
  },
  replaceCharacter(text, rng) {
    const at = rng.int(text.length);
    return text.slice(0, at) + rng.pick(PIECES) + text.slice(at + 1);
  },
  deleteLine(text, rng) {
    const all = lines(text);
    all.splice(rng.int(all.length), 1);
    return all.join('\n');
  },
  duplicateLine(text, rng) {
    const all = lines(text);
    const at = rng.int(all.length);
    all.splice(at, 0, all[at]!);
    return all.join('\n');
  },
  insertLine(text, rng, seeds) {
    const all = lines(text);
    const donor = lines(rng.pick(seeds));
    all.splice(rng.int(all.length + 1), 0, donor[rng.int(donor.length)]!);
    return all.join('\n');
  },
  indentLine(text, rng) {
    const all = lines(text);
    const at = rng.int(all.length);
    all[at] = rng.next() < 0.5 ? ' '.repeat(1 + rng.int(4)) + all[at] : all[at]!.replace(/^ {1,2}/, '');
    return all.join('\n');
  },
};

/** One mutant of `seed`: one to four mutations, mostly character and line ones. */
export function mutant(seed: string, rng: Rng, seeds: string[]): string {
  let text = seed;
  const names = Object.keys(CHARACTER_AND_LINE);
  const count = 1 + rng.int(4);
  for (let i = 0; i < count; i++) {
    if (rng.next() < 0.2) text = repositoryMutate(text, rng, seeds.map((t) => ({ text: t }))).text;
    else text = CHARACTER_AND_LINE[rng.pick(names)]!(text, rng, seeds);
  }
  return text;
}
