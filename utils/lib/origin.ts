/**
 * Origins of URLs, compared as `scheme://host[:port]`. Not `URL.origin`: the URL standard gives
 * schemes it does not list, such as chrome-extension: and moz-extension:, an opaque origin
 * ("null" in Node; browsers differ), and two opaque origins must never count as the same.
 */

/** `scheme://host[:port]` of a URL and its scheme; undefined when it has no host or does not parse. */
export function originOf(
  url: string | undefined,
): { origin: string; protocol: string } | undefined {
  if (!url) return undefined;
  try {
    const { protocol, host } = new URL(url);
    return host ? { origin: `${protocol}//${host}`, protocol } : undefined;
  } catch {
    return undefined;
  }
}

/** The http(s) origin of a URL or origin setting, '' when it is not one. */
export function httpOriginOf(url: string): string {
  const from = originOf(url.trim());
  return from && /^https?:$/.test(from.protocol) ? from.origin : '';
}
