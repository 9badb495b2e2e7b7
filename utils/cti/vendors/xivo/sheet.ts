/**
 * The screen-pop sheet xuc sends for a call (api-pages "Sheet") → the call's `popUrl`, which a
 * screen-pop rule whose url is `{vendorUrl}` opens. The page's example names the call in the
 * `internal` field `uid` and lists pages to open as `sheetInfo` fields of `type: "url"`
 * (`popupUrl`, `popupUrl1`, ordered by `order`). Assumed: `uid` is the call's linkedId or
 * uniqueId, and the first page by `order` is the one to open.
 */
import type { SheetPayload } from './wire-features';

export interface SheetPop {
  /** The call the sheet is for (`uid`). */
  uid: string;
  url: string;
}

/** The page to open and the call it belongs to; undefined when the sheet has neither. */
export function sheetPopOf(sheet: SheetPayload): SheetPop | undefined {
  // A compressed payload (a string) cannot be read without the xuc client's decoder.
  if (typeof sheet.payload === 'string') return undefined;
  const { internal, sheetInfo } = sheet.payload.profile.user;
  const uid = internal?.find((f) => f.name === 'uid')?.content?.trim();
  if (!uid) return undefined;
  const url = (sheetInfo ?? [])
    .filter((f) => f.type?.toLowerCase() === 'url' || /^popupUrl/i.test(f.name ?? ''))
    .sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER))
    .map((f) => f.value?.trim() ?? '')
    .find(isWebUrl);
  return url ? { uid, url } : undefined;
}

function isWebUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
