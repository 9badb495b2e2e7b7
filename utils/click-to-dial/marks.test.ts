// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from '../../tests/fixtures/phone/dom';
import type { InputHit, TextHit } from '../phone/scan';
import type { Highlighter } from './highlight';
import { createMarks, type Marks } from './marks';

/** What the highlighter was asked to paint, as text, with the anchor it was given. */
let painted: Map<Range, Element | null>;
let added: number;
let marks: Marks;

const highlighter: Highlighter = {
  add(range, anchor) {
    added++;
    painted.set(range, anchor);
  },
  delete(range) {
    painted.delete(range);
  },
  styleRoot() {},
  supported: true,
};

function textHits(node: Text, ...numbers: string[]): TextHit[] {
  return numbers.map((number) => {
    const start = node.data.indexOf(number);
    return {
      kind: 'text',
      node,
      start,
      end: start + number.length,
      e164: `+1${number.replace(/\D/g, '')}`,
    };
  });
}

function paintedTexts(): string[] {
  return [...painted.keys()].map((range) => range.toString()).sort();
}

beforeEach(() => {
  painted = new Map();
  added = 0;
  marks = createMarks(highlighter);
});
afterEach(() => {
  document.body.replaceChildren();
});

describe('marks', () => {
  it('paints text and link marks, anchored on their element', () => {
    const p = h('p', {}, 'Call 212-555-0123 or 212-555-0199');
    const link = h('a', { href: 'tel:+33123456789' }, 'Paris');
    document.body.append(p, link);
    const text = p.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123', '212-555-0199'));
    marks.setLink({ kind: 'link', element: link, e164: '+33123456789' });
    expect(paintedTexts()).toEqual(['212-555-0123', '212-555-0199', 'Paris']);
    expect(new Set(painted.values())).toEqual(new Set([p, link]));
    expect(marks.size).toBe(3);
  });

  it('keeps the same marks when the same hits come again', () => {
    const p = h('p', {}, 'Call 212-555-0123');
    document.body.append(p);
    const text = p.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123'));
    const [range] = painted.keys();
    marks.setText(text, textHits(text, '212-555-0123'));
    expect([...painted.keys()]).toEqual([range]);
    expect(added).toBe(1);
  });

  it('makes new ranges when the page replaced the text, even with the same text', () => {
    const p = h('p', {}, 'Call 212-555-0123');
    document.body.append(p);
    const text = p.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123'));
    // Replacing the data collapses the live ranges inside it.
    text.data = 'Call 212-555-0123';
    marks.setText(text, textHits(text, '212-555-0123'));
    expect(paintedTexts()).toEqual(['212-555-0123']);
    expect(marks.size).toBe(1);
  });

  it('marks a phone field without painting it, and unmarks it', () => {
    const field = h('input', { type: 'tel', value: '+1 212 555 0123' }) as HTMLInputElement;
    document.body.append(h('p', {}, field));
    const hit: InputHit = { kind: 'input', element: field, e164: '+12125550123' };
    marks.setInput(field, hit);
    expect(marks.size).toBe(1);
    expect(painted.size).toBe(0);
    const [mark] = marks.near(field);
    expect(mark?.hit).toEqual(hit);
    expect(mark?.range.startContainer).toBe(field.parentNode);
    marks.setInput(field, undefined);
    expect(marks.size).toBe(0);
    expect(marks.near(field)).toEqual([]);
  });

  it('drops what a pass did not see again, and nothing else', () => {
    const seen = h('p', {}, 'Call 212-555-0123');
    const gone = h('p', {}, 'Call 212-555-0199');
    const link = h('a', { href: 'tel:+33123456789' }, 'Paris');
    const outside = h('p', {}, 'Call 212-555-0100');
    const root = h('div', {}, seen, gone, link);
    document.body.append(root, outside);
    for (const p of [seen, gone, outside]) {
      const text = p.firstChild as Text;
      marks.setText(text, textHits(text, text.data.slice(5)));
    }
    marks.setLink({ kind: 'link', element: link, e164: '+33123456789' });

    const pass = marks.beginPass();
    const text = seen.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123'));
    marks.endPass(pass, root);
    expect(paintedTexts()).toEqual(['212-555-0100', '212-555-0123']);

    const whole = marks.beginPass();
    marks.setText(text, textHits(text, '212-555-0123'));
    marks.endPass(whole);
    expect(paintedTexts()).toEqual(['212-555-0123']);
    expect(marks.size).toBe(1);
  });

  it('drops the marks inside a part, shadow trees included', () => {
    const host = h('contact-card');
    const inner = h('p', {}, 'Call 212-555-0123');
    host.attachShadow({ mode: 'open' }).append(inner);
    const part = h('section', {}, host);
    const kept = h('p', {}, 'Call 212-555-0199');
    document.body.append(part, kept);
    for (const p of [inner, kept]) {
      const text = p.firstChild as Text;
      marks.setText(text, textHits(text, text.data.slice(5)));
    }
    marks.dropWithin(part);
    expect(paintedTexts()).toEqual(['212-555-0199']);
  });

  it('anchors text right inside a shadow root on its host', () => {
    const host = h('contact-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append('Call 212-555-0123');
    document.body.append(host);
    const text = shadow.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123'));
    expect([...painted.values()]).toEqual([host]);
  });

  it('sweeps marks whose node left the page', () => {
    const p = h('p', {}, 'Call 212-555-0123');
    const field = h('input', { type: 'tel' }) as HTMLInputElement;
    document.body.append(p, field);
    const text = p.firstChild as Text;
    marks.setText(text, textHits(text, '212-555-0123'));
    marks.setInput(field, { kind: 'input', element: field, e164: '+12125550123' });
    p.remove();
    field.remove();
    marks.sweep();
    expect(marks.size).toBe(0);
    expect(painted.size).toBe(0);
  });
});
