import { describe, expect, it } from 'vitest';
import type { Call } from '../cti/model';
import { originAllowed, renderPopUrl, type RenderResult } from './template';

const call = (over: Partial<Call> = {}): Call => ({
  id: 'ours-1',
  vendorCallId: 'vendor-42',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '+33123456789', e164: '+33123456789', name: 'Jane Doe' },
  queue: 'Support FR',
  startedAt: 1_000,
  data: {},
  recording: 'unknown',
  actions: [],
  ...over,
});

const options = { defaultCountry: 'FR', allowedOrigins: [] as string[] };
const render = (template: string, c: Call = call(), allowedOrigins: string[] = []) =>
  renderPopUrl(template, c, { ...options, allowedOrigins });

function url(result: RenderResult): string {
  if (!result.ok) throw new Error(`expected a URL, got: ${result.reason}`);
  return result.url;
}

function reason(result: RenderResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.url}`);
  return result.reason;
}

describe('renderPopUrl variables', () => {
  it('fills every variable, percent-encoded', () => {
    const c = call({ data: { account: 'A/B 7&x=1' } });
    const out = url(
      render(
        'https://crm.example.com/s?e={e164}&n={national}&d={digits}&name={name}&q={queue}&id={callId}&dir={direction}&acc={data.account}',
        c,
      ),
    );
    const params = new URL(out).searchParams;
    expect(params.get('e')).toBe('+33123456789');
    expect(params.get('n')).toBe('01 23 45 67 89');
    expect(params.get('d')).toBe('33123456789');
    expect(params.get('name')).toBe('Jane Doe');
    expect(params.get('q')).toBe('Support FR');
    expect(params.get('id')).toBe('vendor-42');
    expect(params.get('dir')).toBe('inbound');
    // The value could not add a parameter of its own.
    expect(params.get('acc')).toBe('A/B 7&x=1');
    expect(params.get('x')).toBeNull();
    expect(out).toContain('e=%2B33123456789');
  });

  it('derives E.164 from a national number with the default country', () => {
    const c = call({ remote: { raw: '01 23 45 67 89' } });
    expect(url(render('https://crm.example.com/?p={e164}', c))).toBe(
      'https://crm.example.com/?p=%2B33123456789',
    );
  });

  it('renders missing values as empty, not as "undefined"', () => {
    const c = call({ remote: { raw: 'anonymous' }, queue: undefined });
    expect(
      url(
        render(
          'https://crm.example.com/?p={e164}&n={national}&name={name}&q={queue}&x={data.nope}',
          c,
        ),
      ),
    ).toBe('https://crm.example.com/?p=&n=&name=&q=&x=');
  });

  it('takes {extension} from the number or from an internal call', () => {
    const withExt = call({ remote: { raw: '+1 212 555 0100 ext. 12', e164: '+12125550100' } });
    expect(url(render('https://crm.example.com/?x={extension}', withExt))).toBe(
      'https://crm.example.com/?x=12',
    );
    const internal = call({ remote: { raw: '2042' } });
    expect(url(render('https://crm.example.com/?x={extension}', internal))).toBe(
      'https://crm.example.com/?x=2042',
    );
    expect(url(render('https://crm.example.com/?x={extension}'))).toBe(
      'https://crm.example.com/?x=',
    );
  });

  it('keeps a value inside its path segment', () => {
    const c = call({
      remote: { raw: '+33123456789', e164: '+33123456789', name: '../../admin?x=1#y' },
    });
    const out = url(render('https://crm.example.com/contacts/{name}/view', c));
    expect(new URL(out).pathname).toBe('/contacts/..%2F..%2Fadmin%3Fx%3D1%23y/view');
    expect(new URL(out).hash).toBe('');
  });

  it('rejects unknown variables and stray braces', () => {
    expect(reason(render('https://crm.example.com/?p={phone}'))).toContain('{phone}');
    expect(reason(render('https://crm.example.com/?p={data.}'))).toContain('{data.}');
    expect(reason(render('https://crm.example.com/?p={e164'))).toMatch(/Unbalanced/);
    expect(reason(render('https://crm.example.com/?p=}'))).toMatch(/Unbalanced/);
  });
});

describe('renderPopUrl safety', () => {
  it('opens https anywhere and http only on the loopback', () => {
    expect(url(render('http://localhost:3000/pop?n={digits}'))).toBe(
      'http://localhost:3000/pop?n=33123456789',
    );
    expect(url(render('http://127.0.0.1/pop'))).toBe('http://127.0.0.1/pop');
    expect(url(render('http://[::1]:8080/pop'))).toBe('http://[::1]:8080/pop');
    expect(reason(render('http://crm.example.com/?n={digits}'))).toMatch(/https/);
    expect(reason(render('javascript:alert({name})'))).toMatch(/https/);
    expect(reason(render('data:text/html,{name}'))).toMatch(/https/);
    expect(reason(render('file:///etc/passwd'))).toMatch(/https/);
    expect(reason(render('not a url {e164}'))).toMatch(/valid URL/);
  });

  it.each([
    ['https://{name}.crm.example.com/', 'evil.com/'],
    ['https://{name}.crm.example.com/', 'evil'],
    ['https://crm.example.com{name}/', '.evil.com'],
    ['https://crm.example.com{name}/', '@evil.com'],
    ['https://crm.example.com{name}/', ':8443'],
    ['https://{name}/', 'evil.com'],
    ['https://crm.example.com:{name}/', '8443'],
  ])('a caller name cannot move %s elsewhere (%s)', (template, name) => {
    const c = call({ remote: { raw: '+33123456789', e164: '+33123456789', name } });
    expect(render(template, c).ok).toBe(false);
  });

  it('refuses credentials in the URL', () => {
    expect(reason(render('https://user:secret@crm.example.com/'))).toMatch(/password/);
    const c = call({ remote: { raw: '+33123456789', name: 'eve' } });
    expect(render('https://{name}@crm.example.com/', c).ok).toBe(false);
  });

  it('lets a variable host through only when the origin is allowed', () => {
    const c = call({ data: { tenant: 'acme' } });
    const template = 'https://{data.tenant}.crm.example.com/search?q={digits}';
    expect(render(template, c).ok).toBe(false);
    expect(url(render(template, c, ['https://acme.crm.example.com']))).toBe(
      'https://acme.crm.example.com/search?q=33123456789',
    );
    expect(render(template, c, ['https://*.crm.example.com']).ok).toBe(true);
    expect(
      render(template, c, ['https://other.crm.example.com', 'http://acme.crm.example.com']).ok,
    ).toBe(false);
  });
});

describe('originAllowed', () => {
  it('matches exact origins, ignoring a trailing slash and case', () => {
    expect(originAllowed('https://crm.example.com', ['https://CRM.example.com/'])).toBe(true);
    expect(originAllowed('https://crm.example.com', ['https://crm.example.com:8443'])).toBe(false);
    expect(originAllowed('https://crm.example.com', ['not a url'])).toBe(false);
  });

  it('matches *. patterns on subdomains only, with the same scheme and port', () => {
    const allowed = ['https://*.example.com'];
    expect(originAllowed('https://a.example.com', allowed)).toBe(true);
    expect(originAllowed('https://a.b.example.com', allowed)).toBe(true);
    expect(originAllowed('https://example.com', allowed)).toBe(false);
    expect(originAllowed('https://evilexample.com', allowed)).toBe(false);
    expect(originAllowed('https://example.com.evil.net', allowed)).toBe(false);
    expect(originAllowed('http://a.example.com', allowed)).toBe(false);
    expect(originAllowed('https://a.example.com:8443', allowed)).toBe(false);
    expect(originAllowed('https://a.example.com:8443', ['https://*.example.com:8443'])).toBe(true);
  });
});

describe('renderPopUrl with hostile values (found by tests/property/screen-pop.property.test.ts)', () => {
  it('refuses a value that is a dot segment of the path instead of leaving the template path', () => {
    const template = 'https://crm.example.com/contacts/{name}/view';
    expect(reason(render(template, call({ remote: { raw: '+33123456789', name: '..' } })))).toMatch(
      /would change the URL path/,
    );
    expect(reason(render(template, call({ remote: { raw: '+33123456789', name: '.' } })))).toMatch(
      /would change the URL path/,
    );
    // Dots inside a segment, or in the query, are only text.
    expect(url(render(template, call({ remote: { raw: '+33123456789', name: 'a..b' } })))).toBe(
      'https://crm.example.com/contacts/a..b/view',
    );
    expect(
      url(render('https://crm.example.com/s?q={name}', call({ remote: { raw: '1', name: '..' } }))),
    ).toBe('https://crm.example.com/s?q=..');
  });

  it('renders a caller name with a lone surrogate instead of throwing', () => {
    const c = call({ remote: { raw: '+33123456789', name: 'Ann\uD800e' } });
    expect(url(render('https://crm.example.com/s?name={name}', c))).toBe(
      'https://crm.example.com/s?name=Ann%EF%BF%BDe',
    );
  });
});

describe('renderPopUrl with {vendorUrl}: the page the platform sent', () => {
  const page = 'https://sheets.example.net/popup?id=42&caller=%2B33123456789';

  it('opens the call’s popUrl when its origin is allowed', () => {
    const c = call({ popUrl: page });
    expect(url(render('{vendorUrl}', c, ['https://sheets.example.net']))).toBe(page);
    expect(url(render('  {vendorUrl} ', c, ['https://*.example.net']))).toBe(page);
  });

  it('refuses the platform’s page on an origin the admin did not allow: it is untrusted input', () => {
    const c = call({ popUrl: page });
    expect(reason(render('{vendorUrl}', c))).toBe(
      "https://sheets.example.net (the phone system's page) is not an allowed origin",
    );
    expect(reason(render('{vendorUrl}', c, ['https://crm.example.com']))).toMatch(
      /not an allowed origin/,
    );
  });

  it('refuses what is not a web page, or carries credentials', () => {
    const allowed = ['https://sheets.example.net', 'http://sheets.example.net'];
    const of = (popUrl: string) => reason(render('{vendorUrl}', call({ popUrl }), allowed));
    expect(of('javascript:alert(1)')).toMatch(/only https: URLs/);
    expect(of('http://sheets.example.net/p')).toMatch(/only https: URLs/);
    expect(of('not a url')).toMatch(/not a valid URL/);
    expect(of('https://user:pw@sheets.example.net/p')).toMatch(/user name or password/);
  });

  it('says when the platform sent no page', () => {
    expect(reason(render('{vendorUrl}', call(), ['https://sheets.example.net']))).toBe(
      'The phone system sent no page for this call',
    );
  });

  it('takes {vendorUrl} only as the whole URL', () => {
    const c = call({ popUrl: page });
    expect(reason(render('https://crm.example.com/?next={vendorUrl}', c))).toBe(
      '{vendorUrl} must be the whole URL of its rule',
    );
    expect(reason(render('{vendorUrl}/more', c, ['https://sheets.example.net']))).toMatch(
      /must be the whole URL/,
    );
  });
});
