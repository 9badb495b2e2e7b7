// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setMessages } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import { localeMessages } from '../tests/support/messages';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import {
  alerts,
  button,
  choose,
  click,
  labelled,
  queryButton,
  settle,
  submit,
  type,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

function show(over: Partial<PanelState>) {
  return showPanel(signedInState(over), { layout: 'popup' });
}

const dials = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));
const dialForm = (root: HTMLElement) =>
  root.querySelector<HTMLFormElement>('form[aria-label="Dial"]');

const QUEUES = [
  { id: 'q1', name: 'Support', member: true },
  { id: 'q2', name: 'Sales', member: false },
  { id: 'q3', name: 'Billing' },
];

describe('dial box routes and call data', () => {
  it('offers the routes the vendor has, with the agent’s queues, and sends the chosen one', async () => {
    const { root, connector } = show({
      dialRoutes: ['mobile', 'queue'],
      agentTools: { ...signedInState().agentTools, queues: QUEUES },
    });
    const route = labelled<HTMLSelectElement>(root, 'Call from');
    // Not on behalf of a queue the agent is not in.
    expect([...route.options].map((o) => o.text)).toEqual([
      'My phone',
      'My mobile',
      'On behalf of Support',
      'On behalf of Billing',
    ]);
    type(labelled(root, 'Number'), '0611223344');
    choose(route, 'mobile');
    submit(dialForm(root));
    await settle();
    type(labelled(root, 'Number'), '0611223344');
    choose(labelled<HTMLSelectElement>(root, 'Call from'), 'queue:q3');
    submit(dialForm(root));
    await settle();
    type(labelled(root, 'Number'), '0611223344');
    choose(labelled<HTMLSelectElement>(root, 'Call from'), '');
    submit(dialForm(root));
    await settle();
    expect(dials(connector.sent)).toEqual([
      { type: 'dial', number: '0611223344', route: { kind: 'mobile' } },
      { type: 'dial', number: '0611223344', route: { kind: 'queue', queue: 'q3' } },
      { type: 'dial', number: '0611223344' },
    ]);
  });

  it('attaches call data to the dial where the vendor can', async () => {
    const { root, connector } = show({ dialVariables: true });
    click(button(root, 'With call data'));
    type(labelled(root, 'Number'), '1002');
    type(labelled(root, 'Key'), 'case id');
    type(labelled(root, 'Value'), '77');
    submit(dialForm(root));
    await settle();
    expect(alerts(root)).toEqual(['A call data key is letters, digits, _ . or - (up to 64)']);
    type(labelled(root, 'Key'), 'caseId');
    submit(dialForm(root));
    await settle();
    expect(dials(connector.sent)).toEqual([
      { type: 'dial', number: '1002', variables: { caseId: '77' } },
    ]);
  });

  it('shows neither where the vendor has no routes nor dial variables', () => {
    const { root } = show({
      dialRoutes: ['queue'],
      agentTools: { ...signedInState().agentTools, queues: [] },
    });
    // A queue route with no queue to choose is no choice at all.
    expect(() => labelled(root, 'Call from')).toThrow();
    expect(queryButton(root, 'With call data')).toBeUndefined();
  });
});

describe('dial box: only what can be dialled', () => {
  it('sends a national number of the agent’s country, and says why anything else is not sent', async () => {
    const { root, connector } = show({ defaultCountry: 'FR' });
    for (const [typed, reason] of [
      ['hello', 'This is not a phone number: use digits, with spaces or + ( ) - . if you like'],
      ['0123 456', 'This number is too short for France'],
      ['+33 1 23', 'This international number is too short'],
      ['*98', 'XiVO cannot dial codes with * or #'],
      ['', 'Enter a number to call'],
    ] as const) {
      type(labelled(root, 'Number'), typed);
      submit(dialForm(root));
      await settle();
      expect(alerts(root), typed).toEqual([reason]);
      expect(labelled(root, 'Number').getAttribute('aria-invalid')).toBe('true');
      expect(labelled(root, 'Number').getAttribute('aria-describedby')).toBe('sb-dial-error');
    }
    // Typing again clears a reason that was about the text before.
    type(labelled(root, 'Number'), '01 23 45 67 89');
    expect(alerts(root)).toEqual([]);
    submit(dialForm(root));
    await settle();
    expect(dials(connector.sent)).toEqual([{ type: 'dial', number: '01 23 45 67 89' }]);
  });

  it('asks for the country before reading a national number it cannot place', async () => {
    const { root, connector } = show({ defaultCountry: undefined });
    type(labelled(root, 'Number'), '01 23 45 67 89');
    submit(dialForm(root));
    await settle();
    expect(alerts(root)).toEqual([
      'Choose your country to call a number without its country code, or type the number with + and its country code',
    ]);
    type(labelled(root, 'Number'), '+33 1 23 45 67 89');
    submit(dialForm(root));
    type(labelled(root, 'Number'), '1002');
    submit(dialForm(root));
    await settle();
    expect(dials(connector.sent)).toEqual([
      { type: 'dial', number: '+33 1 23 45 67 89' },
      { type: 'dial', number: '1002' },
    ]);
  });

  it('takes codes and extensions as the platform says', async () => {
    const { root, connector } = show({
      internalDial: { extensionDigits: { min: 3, max: 8 }, serviceCodes: true },
    });
    for (const typed of ['*98', '12345678']) {
      type(labelled(root, 'Number'), typed);
      submit(dialForm(root));
      await settle();
    }
    expect(dials(connector.sent)).toEqual([
      { type: 'dial', number: '*98' },
      { type: 'dial', number: '12345678' },
    ]);
  });
});

describe('dial box in the agent’s language', () => {
  it('labels the box, its routes and its reasons in French, the country named in French', async () => {
    setMessages('fr', localeMessages('fr'));
    const { root, connector } = showPanel(
      signedInState({
        language: 'fr',
        defaultCountry: 'ES',
        dialRoutes: ['mobile', 'queue'],
        dialVariables: true,
        agentTools: { ...signedInState().agentTools, queues: QUEUES },
      }),
      { layout: 'popup' },
    );
    const form = root.querySelector<HTMLFormElement>('form[aria-label="Composer"]');
    expect(form).not.toBeNull();
    expect(button(root, 'Appeler')).toBeDefined();
    expect(button(root, 'Avec des données d’appel')).toBeDefined();
    const route = labelled<HTMLSelectElement>(root, 'Appeler depuis');
    expect([...route.options].map((o) => o.text)).toEqual([
      'Mon téléphone',
      'Mon mobile',
      'Pour le compte de Support',
      'Pour le compte de Billing',
    ]);
    for (const [typed, reason] of [
      ['91 234 56 789', 'Ce numéro est trop long pour votre pays (Espagne)'],
      [
        'bonjour',
        'Ce n’est pas un numéro de téléphone : utilisez des chiffres, avec si vous le souhaitez des espaces ou + ( ) - .',
      ],
    ] as const) {
      type(labelled(root, 'Numéro'), typed);
      submit(form);
      await settle();
      expect(alerts(root), typed).toEqual([reason]);
    }
    expect(dials(connector.sent)).toEqual([]);
  });
});
