/**
 * Per-agent tokens (format fixed in relay/protocol.ts):
 * `base64url(JSON {sub, exp}) + "." + base64url(HMAC-SHA256(secret, first part))`.
 * The HMAC covers the encoded text as sent, so any change to it breaks the signature; the
 * signature check is constant-time (crypto.timingSafeEqual over equal-length digests).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TokenClaims } from './protocol';

export type VerifyResult =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function signToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(TokenClaims.parse(claims))).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** Issues a token for `sub` that expires `ttlSeconds` from `nowMs`. */
export function issueToken(sub: string, ttlSeconds: number, secret: string, nowMs = Date.now()) {
  return signToken({ sub, exp: Math.floor(nowMs / 1000) + Math.floor(ttlSeconds) }, secret);
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function verifyToken(token: string, secret: string, nowMs = Date.now()): VerifyResult {
  const parts = token.split('.');
  const [body, sig] = parts;
  if (parts.length !== 2 || !body || !sig || !BASE64URL.test(body) || !BASE64URL.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  // Length first (a digest's length is public), then a constant-time comparison of the bytes.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature' };
  }
  let claims: TokenClaims;
  try {
    const parsed = TokenClaims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString()));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
