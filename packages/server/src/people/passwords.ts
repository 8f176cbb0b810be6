import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MAX_PASSWORD_LENGTH } from '../contract/requests.js';

export { MAX_PASSWORD_LENGTH };

/**
 * scrypt, the memory-hard function built into Node: N = 2^15, r = 8 uses 32 MiB per hash, so
 * guessing in bulk on a GPU is costly. The parameters travel inside each hash, so they can be
 * raised later without invalidating stored passwords.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (e, key) => (e ? reject(e) : resolve(key)),
    );
  });
}

/** "scrypt$N$r$p$salt$key", salt and key in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Passwords of 12 characters or more that lead the published lists of leaked passwords (the
 * shorter ones fail the length rule anyway), in lower case: guessed first by anyone.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1234567890qwerty',
  '123123123123',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  'qwertyuiop123',
  'qwertyuiopasdfghjkl',
  'qwertyuiopasdf',
  'qwerty123456',
  'qwerty123456789',
  'qazwsxedcrfv',
  'asdfghjkl123',
  'zxcvbnm12345',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password123!',
  'p@ssw0rd1234',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'changeme1234',
  'abcdefghijkl',
  'abcdefghijklmnop',
  'abc123456789',
  'abcd12345678',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'monkey123456',
  'dragon123456',
  'superman1234',
  'trustno1trustno1',
]);

/** A password's problems, or null when it is acceptable. */
export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  if (password.trim() === '') return 'cannot be only spaces';
  const characters = [...password];
  if (characters.every((c) => c === characters[0])) {
    return 'cannot be one character repeated: choose a few unrelated words';
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase().replace(/\s+/g, ''))) {
    return 'is one of the most common passwords, the first anyone guesses: choose a few unrelated words';
  }
  return null;
}

/** A random password for the demo's people: printed once, never shipped. */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}
