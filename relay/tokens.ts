/**
 * Per-agent tokens (format fixed in relay/protocol.ts):
 * `base64url(JSON {sub, exp, jti}) + "." + base64url(HMAC-SHA256(secret, first part))`.
 * The HMAC covers the encoded text as sent, so any change to it breaks the signature; the
 * signature check is constant-time (crypto.timingSafeEqual over equal-length digests).
 *
 * Every token has an id (`jti`, 16 random base64url characters), which the revocation list
 * (relay/revocation.ts) names and which allows one live socket per token (relay/hub.ts). A token
 * issued before ids existed has none; its id is derived from its signed body
 * (`legacy-` + 16 characters of its SHA-256), so it too can be revoked one at a time: the relay
 * logs it as `tokenId` when the token connects.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TokenClaims } from './protocol';

export type VerifyResult =
  | { ok: true; claims: TokenClaims; id: string }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'revoked' };

/** Without `--days`: a working week. Revocation covers a token known to be lost; the lifetime
 * bounds one copied without anyone noticing, at the cost of a weekly reissue. */
export const DEFAULT_TOKEN_DAYS = 7;
/** The longest lifetime the token command issues. */
export const MAX_TOKEN_DAYS = 90;

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function signToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(TokenClaims.parse(claims))).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export interface IssuedToken {
  token: string;
  id: string;
  /** Epoch seconds. */
  exp: number;
}

/** A new token for `sub` with a fresh id, expiring `ttlSeconds` from `nowMs`. */
export function newToken(sub: string, ttlSeconds: number, secret: string, nowMs = Date.now()) {
  const id = randomBytes(12).toString('base64url');
  const exp = Math.floor(nowMs / 1000) + Math.floor(ttlSeconds);
  return { token: signToken({ sub, exp, jti: id }, secret), id, exp } satisfies IssuedToken;
}

/** Issues a token for `sub` that expires `ttlSeconds` from `nowMs`. */
export function issueToken(sub: string, ttlSeconds: number, secret: string, nowMs = Date.now()) {
  return newToken(sub, ttlSeconds, secret, nowMs).token;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function idOf(claims: TokenClaims, body: string): string {
  return (
    claims.jti ?? `legacy-${createHash('sha256').update(body).digest('base64url').slice(0, 16)}`
  );
}

function decodeClaims(body: string): TokenClaims | undefined {
  try {
    const parsed = TokenClaims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The id of a token, read without checking its signature (it is not secret: the body is plain
 * base64url). For the token command and tests; the relay only trusts ids of verified tokens.
 */
export function tokenIdOf(token: string): string | undefined {
  const [body = ''] = token.split('.');
  const claims = BASE64URL.test(body) ? decodeClaims(body) : undefined;
  return claims && idOf(claims, body);
}

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
  const claims = decodeClaims(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims, id: idOf(claims, body) };
}
