/**
 * Job ids that carry their recipe and index, so a cursor (`offset_job_id`) or a single-job
 * lookup is O(1) with nothing stored: `j-` + 8 base-62 chars + `-` + 6 base-62 chars, shaped
 * like Workato's `j-AbWgPXs9-YDeonA`. The first part holds the recipe id, the second the job's
 * index, each scrambled by an invertible 32-bit map (xor, multiply by an odd constant) and
 * topped with check bits that a decoder verifies, so made-up ids are rejected.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TWO32 = 0x100000000;
const RECIPE_CHECKS = Math.floor(62 ** 8 / TWO32); // 50,836
const INDEX_CHECKS = Math.floor(62 ** 6 / TWO32); // 13
const MUL = 0x2c1b3c6d;
const MUL_INV = inverseMod32(MUL);
const JOB_ID = /^j-([0-9A-Za-z]{8})-([0-9A-Za-z]{6})$/;

export interface JobRef {
  recipeId: number;
  index: number;
}

export function encodeJobId(seed: number, recipeId: number, index: number): string {
  const r = scramble(recipeId, seed);
  const i = scramble(index, seed ^ recipeId);
  const rHigh = mix(r, seed) % RECIPE_CHECKS;
  const iHigh = mix(i, recipeId) % INDEX_CHECKS;
  return `j-${toBase62(rHigh * TWO32 + r, 8)}-${toBase62(iHigh * TWO32 + i, 6)}`;
}

/** The recipe and index inside a job id, or null when it is not a job id of this sandbox. */
export function decodeJobId(seed: number, jobId: string): JobRef | null {
  const match = JOB_ID.exec(jobId);
  if (!match?.[1] || !match[2]) return null;
  const rValue = fromBase62(match[1]);
  const iValue = fromBase62(match[2]);
  const r = rValue % TWO32;
  const i = iValue % TWO32;
  if (Math.floor(rValue / TWO32) !== mix(r, seed) % RECIPE_CHECKS) return null;
  const recipeId = unscramble(r, seed);
  if (Math.floor(iValue / TWO32) !== mix(i, recipeId) % INDEX_CHECKS) return null;
  return { recipeId, index: unscramble(i, seed ^ recipeId) };
}

function scramble(value: number, key: number): number {
  return Math.imul((value ^ key) >>> 0, MUL) >>> 0;
}

function unscramble(value: number, key: number): number {
  return ((Math.imul(value, MUL_INV) ^ key) >>> 0) >>> 0;
}

function mix(value: number, key: number): number {
  let h = Math.imul(value ^ key ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function toBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let n = 0; n < width; n += 1) {
    out = ALPHABET.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function fromBase62(text: string): number {
  let value = 0;
  for (let n = 0; n < text.length; n += 1) value = value * 62 + ALPHABET.indexOf(text.charAt(n));
  return value;
}

/** Inverse of an odd number modulo 2^32 (Newton's iteration). */
function inverseMod32(a: number): number {
  let x = a;
  for (let n = 0; n < 5; n += 1) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}
