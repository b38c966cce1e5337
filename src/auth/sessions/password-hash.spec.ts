import { CURRENT_PARAMETERS, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('stores the scheme, parameters, salt and key, and verifies the password it was made from only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')]);
    expect(a).not.toEqual(b);
  });

  it('treats composed and decomposed accents as the same password (NFC)', async () => {
    const stored = await hashPassword('Zso\u0301fia-Krako\u0301w');
    await expect(verifyPassword('Zs\u00f3fia-Krak\u00f3w', stored)).resolves.toBe(true);
  });

  it('verifies a hash made with other parameters, and says it should be replaced', async () => {
    const older = await hashPassword('an older password', { N: 2 ** 14, r: 8, p: 1 });
    expect(older).toMatch(/^scrypt\$N=16384,r=8,p=1\$/);
    await expect(verifyPassword('an older password', older)).resolves.toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
    expect(CURRENT_PARAMETERS).toEqual({ N: 32768, r: 8, p: 3 });
  });

  it.each([
    ['not a hash at all', 'plain text'],
    ['N not a power of two', 'scrypt$N=30000,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N too large to compute', 'scrypt$N=1073741824,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses a stored value that is %s without computing it', async (_name, stored) => {
    await expect(verifyPassword('anything at all', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it.each([
    ['eleven char', 'at least 12 characters; it has 11'],
    ['            ', 'only spaces'],
    ['\t\n          ', 'only spaces'],
    ['x'.repeat(1025), 'at most 1024'],
  ])('refuses %p as a password', (password, reason) => {
    expect(passwordProblem(password)).toContain(reason);
  });

  it('counts characters, not UTF-16 units, and accepts a long passphrase with spaces', () => {
    expect(passwordProblem('🔒'.repeat(11))).toContain('it has 11');
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('  spaces around are kept  ')).toBeNull();
  });
});
