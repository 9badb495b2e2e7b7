// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { buildContactPage, buildScanningPage, h } from '../../tests/fixtures/phone/dom';
import { parsePhoneValue, parseTelHref, scan, type ScanItem } from './scan';

const US = { defaultCountry: 'US' } as const;

function collect(root: Node, options: { defaultCountry: 'US' | 'FR' } = US): ScanItem[] {
  return [...scan(root, options)].filter((item): item is ScanItem => item !== null);
}

function found(items: ScanItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'text'
      ? item.hits.map((hit) => `${item.node.data.slice(hit.start, hit.end)}=${hit.e164}`)
      : item.kind === 'link'
        ? [
            `link#${item.hit.element.id}=${item.hit.e164}${item.hit.extension ? `;${item.hit.extension}` : ''}`,
          ]
        : item.kind === 'input' && item.hit
          ? [`input#${item.element.id}=${item.hit.e164}`]
          : [],
  );
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('scan', () => {
  it('finds numbers in text, tel:/callto: links and open shadow roots, and nothing in code or fields', () => {
    buildContactPage();
    expect(found(collect(document.body))).toEqual([
      '(212) 555-0123=+12125550123',
      '(212) 555-0199=+12125550199',
      '+44 20 7946 0958=+442079460958',
      'link#tel=+33123456789',
      'link#callto=+4930123456;7',
    ]);
  });

  it('reports the shadow roots it enters', () => {
    const { shadowHost } = buildContactPage();
    const shadows = collect(document).filter((item) => item.kind === 'shadow');
    expect(shadows).toEqual([{ kind: 'shadow', root: shadowHost.shadowRoot }]);
  });

  it('does not enter closed shadow roots', () => {
    const host = h('closed-card');
    host.attachShadow({ mode: 'closed' }).append(h('p', {}, 'Call 212-555-0123'));
    document.body.append(host);
    expect(found(collect(document.body))).toEqual([]);
  });

  it('never changes the page', () => {
    buildContactPage();
    const main = document.getElementById('main')!;
    const before = main.firstChild;
    const data = (before as Text).data;
    collect(document.body);
    expect(main.childNodes).toHaveLength(1);
    expect(main.firstChild).toBe(before);
    expect((main.firstChild as Text).data).toBe(data);
  });

  it('rescans a single text node, reporting an empty list when it has no number', () => {
    const node = document.createTextNode('no number here');
    document.body.append(h('p', {}, node));
    expect(collect(node)).toEqual([{ kind: 'text', node, hits: [] }]);
  });

  it('skips roots inside skipped contexts', () => {
    const inner = h('span', {}, 'Call 212-555-0123');
    document.body.append(h('div', { contenteditable: 'true' }, inner));
    expect(found(collect(inner))).toEqual([]);
    expect(found(collect(inner.firstChild!))).toEqual([]);
  });

  it('reports a tel: link passed as the root', () => {
    const link = h('a', { id: 'x', href: 'TEL:212-555-0123' }, 'call');
    document.body.append(link);
    expect(found(collect(link))).toEqual(['link#x=+12125550123']);
  });

  it('marks numbers in ordinary links, and leaves the text of a tel-like link to it', () => {
    document.body.append(
      h('a', { href: '/contacts/7' }, h('b', {}, 'Call 212-555-0123')),
      h('a', { id: 'sip', href: 'SIP:+14155550100@pbx' }, h('span', {}, '+1 415 555 0100')),
    );
    expect(found(collect(document.body))).toEqual([
      '212-555-0123=+12125550123',
      'link#sip=+14155550100',
    ]);
  });

  it('skips text in controls and other text that is never shown as such', () => {
    const select = h('select', {}, h('option', {}, 'Call 212-555-0123'));
    const code = h('pre', {}, h('span', {}, 'dial 212-555-0124'));
    document.body.append(select, code, h('p', {}, 'Call 212-555-0125'));
    expect(found(collect(document.body))).toEqual(['212-555-0125=+12125550125']);
  });

  it('yields heartbeats on long pages', () => {
    for (let i = 0; i < 100; i++) document.body.append(h('p', {}, `row ${i}`));
    expect([...scan(document.body, US)].filter((item) => item === null).length).toBeGreaterThan(2);
  });
});

describe('parseTelHref', () => {
  it('reads RFC 3966 and callto forms', () => {
    expect(parseTelHref('tel:+1-212-555-0123;ext=45', 'US')).toEqual({
      e164: '+12125550123',
      extension: '45',
    });
    expect(parseTelHref('tel:0612345678;phone-context=+33', 'US')).toEqual({
      e164: '+33612345678',
    });
    expect(parseTelHref('tel:%2B33%201%2023%2045%2067%2089', 'US')).toEqual({
      e164: '+33123456789',
    });
    expect(parseTelHref('callto://+4930123456', 'US')).toEqual({ e164: '+4930123456' });
    expect(parseTelHref('tel:(212) 555-0123', 'US')).toEqual({ e164: '+12125550123' });
  });

  it('rejects other links and non-numbers', () => {
    expect(parseTelHref('https://example.com/tel:+33123456789', 'US')).toBeUndefined();
    expect(parseTelHref('tel:12', 'US')).toBeUndefined();
    expect(parseTelHref('tel:%E0%A4%A', 'US')).toBeUndefined();
    expect(parseTelHref('mailto:a@b.c', 'US')).toBeUndefined();
  });
});

describe('sip: links', () => {
  it('reads a sip: or sips: URI whose user part is a phone number', () => {
    expect(parseTelHref('sip:+14155550100@pbx.example.com;user=phone', 'US')).toEqual({
      e164: '+14155550100',
    });
    expect(parseTelHref('sip:0612345678@host', 'FR')).toEqual({ e164: '+33612345678' });
    expect(parseTelHref('SIPS:+1-212-555-0123;ext=45@gw.example.com', 'US')).toEqual({
      e164: '+12125550123',
      extension: '45',
    });
    expect(parseTelHref('sip:%2B33%201%2023%2045%2067%2089@host', 'US')).toEqual({
      e164: '+33123456789',
    });
    // userinfo may carry a password after the user.
    expect(parseTelHref('sip:+14155550100:secret@host', 'US')).toEqual({ e164: '+14155550100' });
  });

  it('leaves names, bare hosts and short extensions alone', () => {
    expect(parseTelHref('sip:alice@example.com', 'US')).toBeUndefined();
    expect(parseTelHref('sip:alice.2125550123@example.com', 'US')).toBeUndefined();
    expect(parseTelHref('sip:+14155550100', 'US')).toBeUndefined();
    expect(parseTelHref('sip:@host', 'US')).toBeUndefined();
    expect(parseTelHref('sip:1001@pbx.example.com', 'US')).toBeUndefined();
  });

  it('marks sip: links that name a number and only those', () => {
    buildScanningPage();
    const links = found(collect(document.body)).filter((hit) => hit.startsWith('link#'));
    expect(links).toEqual(['link#sip=+14155550100']);
  });
});

describe('phone fields', () => {
  it('reads the value of type=tel fields that hold a valid number, and no other field', () => {
    buildScanningPage();
    const fields = found(collect(document.body)).filter((hit) => hit.startsWith('input#'));
    expect(fields).toEqual(['input#field=+12125550123']);
  });

  it('reports every field it reads, so that one that lost its number is unmarked', () => {
    buildScanningPage();
    const reported = collect(document.body).flatMap((item) =>
      item.kind === 'input' ? [`${item.element.id}:${item.hit ? 'number' : 'none'}`] : [],
    );
    expect(reported).toEqual(['field:number', 'invalid:none', 'empty:none', 'private-field:none']);
  });

  it('skips the field being edited', () => {
    const { field } = buildScanningPage();
    field.focus();
    expect(collect(field)).toEqual([{ kind: 'input', element: field, hit: undefined }]);
    field.blur();
    expect(found(collect(field))).toEqual(['input#field=+12125550123']);
  });

  it('never changes a field', () => {
    const { field } = buildScanningPage();
    field.value = '06 12 34 56 78';
    const attributes = field.getAttributeNames().map((name) => [name, field.getAttribute(name)]);
    expect(found(collect(field, { defaultCountry: 'FR' }))).toEqual(['input#field=+33612345678']);
    expect(field.value).toBe('06 12 34 56 78');
    expect(field.getAttributeNames().map((name) => [name, field.getAttribute(name)])).toEqual(
      attributes,
    );
  });

  it('skips fields inside editable regions', () => {
    const field = h('input', { id: 'inner', type: 'tel', value: '+1 212 555 0123' });
    document.body.append(h('div', { contenteditable: 'true' }, field));
    expect(found(collect(document.body))).toEqual([]);
  });

  it('parses values as valid numbers, with an extension, and nothing else', () => {
    expect(parsePhoneValue(' +1 212 555 0123 ext. 45 ', 'US')).toEqual({
      e164: '+12125550123',
      extension: '45',
    });
    expect(parsePhoneValue('(212) 555-0123', 'US')).toEqual({ e164: '+12125550123' });
    expect(parsePhoneValue('+1 212 555 01', 'US')).toBeUndefined();
    expect(parsePhoneValue('call 212 555 0123', 'US')).toBeUndefined();
    expect(parsePhoneValue('212 555 0123 after 5pm', 'US')).toBeUndefined();
    expect(parsePhoneValue('', 'US')).toBeUndefined();
  });
});

describe('opting out', () => {
  it('skips text, links, fields and shadow roots inside data-switchboard-off', () => {
    buildScanningPage();
    const items = collect(document.body);
    expect(found(items)).toEqual(['link#sip=+14155550100', 'input#field=+12125550123']);
    expect(items.filter((item) => item.kind === 'shadow')).toEqual([]);
  });

  it('finds nothing from a root inside an opted-out part', () => {
    const { optedOut } = buildScanningPage();
    for (const root of [optedOut, optedOut.firstElementChild!, optedOut.querySelector('a')!]) {
      expect(found(collect(root))).toEqual([]);
    }
    const shadow = optedOut.querySelector('opted-card')!.shadowRoot!;
    expect(found(collect(shadow))).toEqual([]);
    expect(found(collect(shadow.firstChild!.firstChild!))).toEqual([]);
  });

  it('finds nothing on a page opted out on <html> or <body>', () => {
    buildContactPage();
    for (const element of [document.documentElement, document.body]) {
      element.setAttribute('data-switchboard-off', '');
      expect(found(collect(document))).toEqual([]);
      expect(found(collect(document.body))).toEqual([]);
      element.removeAttribute('data-switchboard-off');
    }
    expect(found(collect(document))).toHaveLength(5);
  });
});
