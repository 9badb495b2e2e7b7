import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken, newToken, signToken, tokenIdOf, verifyToken } from './tokens';

const SECRET = 'a-secret-that-is-at-least-32-chars-long';
const NOW = 1_732_230_000_000;

describe('agent tokens', () => {
  it('verifies a token it signed and returns the claims', () => {
    const token = issueToken('sip:alice@example.com', 3600, SECRET, NOW);
    expect(verifyToken(token, SECRET, NOW)).toEqual({
      ok: true,
      claims: { sub: 'sip:alice@example.com', exp: NOW / 1000 + 3600, jti: expect.any(String) },
      id: expect.any(String),
    });
  });

  it('gives every token its own id, readable without the secret', () => {
    const a = newToken('sip:alice@example.com', 3600, SECRET, NOW);
    const b = newToken('sip:alice@example.com', 3600, SECRET, NOW);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(tokenIdOf(a.token)).toBe(a.id);
    expect(verifyToken(a.token, SECRET, NOW)).toMatchObject({ ok: true, id: a.id });
    expect(tokenIdOf('not a token')).toBeUndefined();
  });

  it('derives a stable id for a token issued before ids existed', () => {
    const legacy = signToken({ sub: 'ucontact:bob', exp: NOW / 1000 + 60 }, SECRET);
    const id = tokenIdOf(legacy);
    expect(id).toMatch(/^legacy-[A-Za-z0-9_-]{16}$/);
    expect(verifyToken(legacy, SECRET, NOW)).toMatchObject({ ok: true, id });
    const other = signToken({ sub: 'ucontact:bob', exp: NOW / 1000 + 61 }, SECRET);
    expect(tokenIdOf(other)).not.toBe(id);
  });

  it('refuses an expired token, including at the exact expiry second', () => {
    const token = signToken({ sub: 'ucontact:bob', exp: NOW / 1000 }, SECRET);
    expect(verifyToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(token, SECRET, NOW - 1000).ok).toBe(true);
  });

  it('refuses a token whose claims were changed', () => {
    const token = issueToken('sip:alice@example.com', 3600, SECRET, NOW);
    const [, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'sip:bob@example.com', exp: NOW / 1000 + 3600 }),
    );
    expect(verifyToken(`${forged.toString('base64url')}.${sig}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses a changed signature and a token from another secret', () => {
    const token = issueToken('sip:alice@example.com', 3600, SECRET, NOW);
    const [body, sig = ''] = token.split('.');
    const flipped = `${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(verifyToken(flipped, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
    const other = issueToken('sip:alice@example.com', 3600, `${SECRET}-other`, NOW);
    expect(verifyToken(other, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it.each(['', 'abc', 'a.b.c', 'a.', '.b', 'not base64!.sig', 'e30.e30'])(
    'refuses malformed input %j without throwing',
    (token) => {
      expect(verifyToken(token, SECRET, NOW).ok).toBe(false);
    },
  );

  it('refuses validly signed bodies that are not TokenClaims', () => {
    const body = Buffer.from(JSON.stringify({ sub: '', exp: 'soon' })).toString('base64url');
    const sig = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(verifyToken(`${body}.${sig}`, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});
