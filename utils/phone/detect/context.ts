/**
 * What the words and characters around a candidate say about it: a label ("Tel:") makes a bare
 * run of digits a phone number; an id word ("Invoice"), a currency, a version or ISBN cue, or
 * letters glued to the digits make it something else. Every regex here is built once; EXT_TAIL
 * is the only sticky one, and its lastIndex is set before each use.
 */

/** How far before a candidate the cues are looked for. */
const CUE_WINDOW = 40;

// Latin letters (with /i). Not \p{L}: Japanese text writes numbers right against its words,
// and V8 spends ~30 ms building the case-folded \p{L} set the first time a page uses it.
const LETTER = 'a-z\\u00C0-\\u024F';
const WORD = `[${LETTER}]*`;
const NOT_AFTER_WORD = `(?<![${LETTER}\\d])`;
const NUMBER_WORD = '(?:number|nummer|num[eé]ro|no|nr|n[°º.]|#)\\.?';
const CURRENCY = '[$€£¥₹₩₽¢￥]|R\\$|\\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|BRL|MXN|INR|ZAR|kr|Rs)\\b';

// Extension written after a number: "x12", "ext. 12", "#12", ";ext=12", ",,12", and the French,
// German, Spanish, Portuguese, Dutch, Italian and Japanese words for it.
const EXT_TAIL =
  /[ \u00A0\t,]*(?:;?[ \u00A0]*(?:e?xt(?:ension|ensión|n)?|x|#|poste|durchwahl|dw|anexo|ramal|toestel|tst|int(?:erno)?|内線)\.?[ \u00A0\t]*[:.=]?[ \u00A0\t-]*|,,|;)(\d{1,8})#?(?![\da-z\u00C0-\u024F])/iy;

// "Phone", "Tel", "Mobile", "Cell", "Fax", "Call" in English, French, Spanish, German, Dutch,
// Portuguese, Italian and Japanese ("tel…" covers téléphone, telefono, telefoon, telemóvel…),
// then maybe "number", "(work)", "us at"…, and a colon.
const LABEL = new RegExp(
  `${NOT_AFTER_WORD}(?:t[eé]l${WORD}|ph(?:one)?|m[oó][bv]${WORD}|cel${WORD}|call${WORD}|fax|gsm` +
    `|handy|fone?|sel|tl[fm]|tfno|whatsapp|hotline|portable|contact${WORD}|appel${WORD}` +
    `|ll[aá]m${WORD}|lig(?:ar|ue)|bel(?:len)?|chiam${WORD}|rufnummer|anruf${WORD}|durchwahl` +
    `|festnetz|電話(?:番号)?)(?:[ -]?(?:id|${NUMBER_WORD}))?(?:[\\s-]+(?:us|me|nous|nos|uns|ons))?` +
    '(?:\\s+(?:at|on|au|al|unter|op|para|pelo|no|em))?\\s*(?:\\([^)]{0,20}\\)\\s*)?\\.?' +
    `[\\s-]*(?:${NUMBER_WORD})?\\s*[:：\\-–—]?\\s*$`,
  'i',
);

// Words that introduce order, invoice, tracking, case, account and tax ids.
const ID = new RegExp(
  `${NOT_AFTER_WORD}(?:#|order|ordine|inv${WORD}|track${WORD}|r[eé]f${WORD}|ticket|case|sku` +
    `|acc(?:oun)?t|transac${WORD}|txn|confirmation|booking|serial|s/n|po|iban|bic|swift|awb` +
    `|parcel|shipment|id|command${WORD}|fac?tt?u${WORD}|suivi|dossier|colis|pedido|segui${WORD}` +
    `|env[ií]o|bestel${WORD}|rechnung${WORD}|sendung${WORD}|auftrag${WORD}|konto${WORD}` +
    `|kunden[ -]?(?:nummer|nr)|vorgang|zending|encomenda|rastre${WORD}|protocolo|cpf|cnpj|nif` +
    `|siret|siren|ssn|vat|tva|btw|ust-?id${WORD})(?:[ -]?(?:id|code|${NUMBER_WORD}))?` +
    '\\s*[:#.]?\\s*#?\\s*$',
  'i',
);

// Just before the number: glued to an identifier or a URL ("INV-2125550123", "orders/…",
// "id=…"), a minus sign (a coordinate), a currency, or a version, ISBN or postal-code cue.
const BEFORE = new RegExp(
  `(?:[${LETTER}\\d_][-_#]|[${LETTER}]/|[${LETTER}_@=&%]|(?:^|[\\s,;(])-|(?:${CURRENCY})\\.?\\s*` +
    `|${NOT_AFTER_WORD}(?:v|ver|version|build|release|firmware|rev|versão|versión)\\.?\\s*` +
    '|(?:ISBN|ISSN|EAN|GTIN|UPC)(?:-1[03])?:?\\s*|〒\\s*)$',
  'i',
);
// The country, check digits and bank code of an IBAN: "NL91 ABNA ", "GB29 NWBK ".
const IBAN = /(?<![A-Za-z])[A-Z]{2}\d{2}(?: ?[A-Z\d]{4})* ?$/;
// Just after it: glued to letters ("2125550123abc", "…-A"), degrees (a coordinate), decimals or
// a currency (an amount).
const AFTER = new RegExp(
  `^(?:[-_/]?[${LETTER}_@%°′″]|[-_]\\d|[.,]\\d{1,2}(?!\\d)|,-|\\s*(?:${CURRENCY}|[%‰円]` +
    '|(?:euros?|dollars?|reais|pesos|yen|rand)\\b))',
  'i',
);

export interface Extension {
  digits: string;
  /** Offset just past the extension as written. */
  end: number;
}

/** The extension written right after `end`, if any. */
export function extensionAt(text: string, end: number): Extension | undefined {
  EXT_TAIL.lastIndex = end;
  const tail = EXT_TAIL.exec(text);
  return tail ? { digits: tail[1]!, end: end + tail[0].length } : undefined;
}

export function cueWindow(text: string, start: number): string {
  return text.slice(Math.max(0, start - CUE_WINDOW), start);
}

export function isLabelled(before: string): boolean {
  return LABEL.test(before);
}

/** A word before the number says it is an id (unless a phone label follows it). */
export function isIdCue(before: string): boolean {
  return ID.test(before);
}

/** The characters around the number (`before` it, and after `end`) make it something else. */
export function isRuledOutByContext(text: string, before: string, end: number): boolean {
  return BEFORE.test(before) || IBAN.test(before) || AFTER.test(text.slice(end, end + 12));
}
