/**
 * The escaping the admin kit's templates need: XML (ADMX, ADML) and Windows .reg strings.
 * tests/unit/admin-kit.test.ts round-trips arbitrary strings through real parsers.
 */

/**
 * True when XML 1.0 can carry the string: no C0 control but tab, line feed and carriage return,
 * no U+FFFE or U+FFFF, no lone surrogate (not even as a character reference).
 */
export function isXmlString(value: string): boolean {
  for (const char of value) {
    const c = char.codePointAt(0) as number;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    if (c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** True when every character is printable ASCII, tab, line feed or carriage return. */
export function isAsciiText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
  }
  return true;
}

function checkXml(value: string): void {
  if (!isXmlString(value)) throw new Error(`Not representable in XML: ${JSON.stringify(value)}`);
}

/**
 * Text content: `&`, `<`, `>`, and as character references the line ends some parsers normalise
 * (carriage return; NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, line ends in XML 1.1).
 */
export function xmlText(value: string): string {
  checkXml(value);
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\u0085/g, '&#133;')
    .replace(/\u2028/g, '&#8232;')
    .replace(/\u2029/g, '&#8233;');
}

/** An attribute value in double quotes: also quotes and the white space parsers normalise. */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/**
 * A REG_SZ value as regedit reads it: printable ASCII in quotes (backslash and quote escaped);
 * anything else as `hex(1):` (the UTF-16LE bytes and the terminating NUL), so the file stays ASCII
 * and regedit imports it whatever the code page.
 */
export function regString(value: string): string {
  if (isAsciiText(value) && !/[\t\n\r]/.test(value)) {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  const bytes = [...Buffer.from(`${value}\0`, 'utf16le')];
  return `hex(1):${bytes.map((b) => b.toString(16).padStart(2, '0')).join(',')}`;
}

/** A REG_DWORD value. */
export function regDword(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`Not a DWORD: ${value}`);
  }
  return `dword:${value.toString(16).padStart(8, '0')}`;
}

/** The value of a `"name"=…` line of a .reg file (the inverse of regString and regDword). */
export function parseRegValue(text: string): string | number {
  if (text.startsWith('dword:')) return parseInt(text.slice(6), 16);
  if (text.startsWith('hex(1):')) {
    const bytes = text
      .slice(7)
      .split(',')
      .map((b) => parseInt(b, 16));
    const decoded = Buffer.from(bytes).toString('utf16le');
    if (!decoded.endsWith('\0')) throw new Error('A hex(1) value without its terminating NUL');
    return decoded.slice(0, -1);
  }
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (!quoted) throw new Error(`Not a .reg value: ${text}`);
  return (quoted[1] as string).replace(/\\(.)/g, '$1');
}
