/**
 * Screen-pop URL templates (issue: "no value ever changes the origin, the scheme, or the path
 * outside its placeholder"). The caller's name, the queue, the vendor's call id and its user data
 * are attacker-controlled: any value, `..`, `/`, `\`, `%2e`, `?`, `#`, `@` and unicode included.
 *
 * For templates with a placeholder in a path segment, in the query and in the fragment: a render
 * that succeeds keeps the template's scheme and origin, its path is the template's path with only
 * the placeholder's segment changed (and that segment decodes to the value), and the value comes
 * back intact from the query or fragment it was put in.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Call } from '../../utils/cti/model';
import { encodeValue, renderPopUrl } from '../../utils/screenpop/template';
import { checkProperty } from '../support/property';
import { adversarialString } from './support/json';

const RUNS = 10_000;

/** Values built from the characters that move URLs around, and anything else. */
const value: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.constantFrom(
          '.',
          '..',
          '/',
          '\\',
          '%2e',
          '%2E',
          '%2f',
          '?',
          '#',
          '@',
          ':',
          '//',
          'evil.com',
          '%',
          '&',
          '=',
          ' ',
          'é',
          '😀',
          '\u202e',
          '\t',
          'a',
        ),
        { maxLength: 6 },
      )
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: adversarialString },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);

const VARIABLES = ['name', 'queue', 'callId', 'data.account'] as const;

function callWith(variable: (typeof VARIABLES)[number], v: string): Call {
  const base: Call = {
    id: 'ours-1',
    vendorCallId: 'vendor-42',
    direction: 'inbound',
    state: 'ringing',
    remote: { raw: '+33123456789', e164: '+33123456789', name: 'Jane' },
    queue: 'Support',
    startedAt: 1,
    data: {},
    recording: 'unknown',
    actions: [],
  };
  switch (variable) {
    case 'name':
      return { ...base, remote: { ...base.remote, name: v } };
    case 'queue':
      return { ...base, queue: v };
    case 'callId':
      // The model requires a non-empty vendor id.
      return { ...base, vendorCallId: v || 'x' };
    case 'data.account':
      return { ...base, data: { account: v } };
  }
}

const render = (template: string, call: Call) =>
  renderPopUrl(template, call, { defaultCountry: 'FR', allowedOrigins: [] });

/** What each variable renders as, before encoding (the call's own value). */
function rawValue(variable: (typeof VARIABLES)[number], call: Call): string {
  if (variable === 'name') return call.remote.name ?? '';
  if (variable === 'queue') return call.queue ?? '';
  if (variable === 'callId') return call.vendorCallId;
  return call.data.account ?? '';
}

/** The value as the URL carries it: a lone surrogate has no UTF-8 form and becomes U+FFFD. */
const wellFormed = (v: string) => decodeURIComponent(encodeValue(v));

describe('screen-pop templates', () => {
  it('never let a value change the scheme, the origin, or the path outside its placeholder', () => {
    checkProperty(
      'screen-pop templates',
      fc.property(
        fc.constantFrom(...VARIABLES),
        value,
        fc.constantFrom(
          'https://crm.example.com',
          'https://crm.example.com:8443',
          'http://localhost:3000',
        ),
        fc.constantFrom('path', 'segment', 'query', 'fragment'),
        (variable, v, origin, where) => {
          const call = callWith(variable, v);
          const raw = wellFormed(rawValue(variable, call));
          const placeholder = `{${variable}}`;
          const template =
            where === 'path'
              ? `${origin}/contacts/${placeholder}/view?tab=1`
              : where === 'segment'
                ? `${origin}/c/id-${placeholder}.html`
                : where === 'query'
                  ? `${origin}/search?q=${placeholder}&lang=en`
                  : `${origin}/app#/contact/${placeholder}`;
          const result = render(template, call);
          if (!result.ok) return; // Refused: nothing is opened.
          const url = new URL(result.url);
          const own = new URL(template.replace(placeholder, 'x'));
          if (url.protocol !== own.protocol || url.origin !== own.origin)
            throw new Error(`${JSON.stringify(raw)} moved ${template} to ${url.origin}`);
          if (url.username || url.password) throw new Error(`credentials in ${result.url}`);
          const expectPath = (prefix: string, suffix: string) => {
            const p = url.pathname;
            if (
              !p.startsWith(prefix) ||
              !p.endsWith(suffix) ||
              p.length < prefix.length + suffix.length
            )
              throw new Error(`${JSON.stringify(raw)} changed the path of ${template}: ${p}`);
            const inner = p.slice(prefix.length, p.length - suffix.length);
            if (decodeURIComponent(inner) !== raw)
              throw new Error(`${JSON.stringify(raw)} became ${JSON.stringify(inner)} in ${p}`);
          };
          if (where === 'path') {
            expectPath('/contacts/', '/view');
            if (url.searchParams.get('tab') !== '1' || [...url.searchParams].length !== 1)
              throw new Error(`${JSON.stringify(raw)} changed the query: ${url.search}`);
          } else if (where === 'segment') {
            expectPath('/c/id-', '.html');
          } else if (where === 'query') {
            if (url.pathname !== '/search') throw new Error(`path changed: ${url.pathname}`);
            if (
              url.searchParams.get('q') !== raw ||
              url.searchParams.get('lang') !== 'en' ||
              [...url.searchParams].length !== 2
            )
              throw new Error(`${JSON.stringify(raw)} changed the query: ${url.search}`);
          } else {
            if (url.pathname !== '/app' || url.search !== '')
              throw new Error(`${JSON.stringify(raw)} changed ${url.pathname}${url.search}`);
            if (decodeURIComponent(url.hash) !== `#/contact/${raw}`)
              throw new Error(`${JSON.stringify(raw)} changed the fragment: ${url.hash}`);
          }
        },
      ),
      {
        numRuns: RUNS,
        label: 'values in a path segment, part of a segment, the query, the fragment',
      },
    );
  });
});
