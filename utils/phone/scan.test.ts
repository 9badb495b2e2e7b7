// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { buildContactPage, h } from '../../tests/fixtures/phone/dom';
import { parseTelHref, scan, type ScanItem } from './scan';

const US = { defaultCountry: 'US' } as const;

function collect(root: Node): ScanItem[] {
  return [...scan(root, US)].filter((item): item is ScanItem => item !== null);
}

function found(items: ScanItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'text'
      ? item.hits.map((hit) => `${item.node.data.slice(hit.start, hit.end)}=${hit.e164}`)
      : item.kind === 'link'
        ? [
            `link#${item.hit.element.id}=${item.hit.e164}${item.hit.extension ? `;${item.hit.extension}` : ''}`,
          ]
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
      'link#tel=+33123456789',
      'link#callto=+4930123456;7',
      '+44 20 7946 0958=+442079460958',
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
