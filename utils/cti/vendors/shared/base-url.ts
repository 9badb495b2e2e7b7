/**
 * A vendor's server setting as a base URL: http(s) only, no query, hash or trailing slash, any
 * path prefix kept (servers behind a reverse proxy). Unusable values are CtiError('config'):
 * retrying cannot fix them, the agent or admin must.
 */
import { CtiError } from '../../model';

export function parseBaseUrl(setting: string, what: string): URL {
  const trimmed = setting.trim();
  if (!trimmed) throw new CtiError('config', `Enter the ${what}`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new CtiError('config', `The ${what} "${trimmed}" is not a valid URL`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CtiError('config', `The ${what} must start with https:// or http://`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/** `path` (starting with "/") under the base URL's own path. */
export function joinPath(base: URL, path: string): URL {
  const url = new URL(base.href);
  // A bare origin keeps the pathname "/" whatever is set: strip it here.
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}
