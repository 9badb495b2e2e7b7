/**
 * uContact's own operations, offered to the agent as small forms (features.ts `VendorAction`) and
 * carried out on the `vendorAction` command: on a call, tag its recording (`Agents/TagRecord`),
 * have the dialer call the contact again on another number (`Dialers/Respool`) and put the number
 * on the do-not-call list (`admin/addblack`); in the side panel, add a call to the dialer
 * (`Dialers/DialerTask`), remove a number from a campaign (`Dialers/RemoveContact`) and cancel
 * scheduled calls (`Dialers/RemoveScheduleDialerCall`). See dialer.ts for the wire.
 */
import type { ActionField, VendorActionInput } from '../../features';
import { CtiError, MAX_TIME_MS, type Command } from '../../model';
import type { CallTracker, TrackedCall } from './calls';
import {
  addToDialer,
  addToDoNotCall,
  DEFAULT_RESPOOL_PRIORITY,
  removeContact,
  removeScheduled,
  respool,
  type DialerHost,
} from './dialer';
import { queueInfos } from './queues';
import { PATHS } from './wire';

export const ACTION = {
  tag: 'tagRecording',
  respool: 'respool',
  doNotCall: 'doNotCall',
  addToDialer: 'addToDialer',
  removeFromDialer: 'removeFromDialer',
  cancelScheduled: 'cancelScheduledCalls',
} as const;

export interface ActionHost extends DialerHost {
  calls: CallTracker;
  /** The campaigns the agent may choose from (the `campaign` setting's and the queues'). */
  campaigns(): readonly string[];
}

/** The store keeps at most 50 actions; a campaign choice offers at most 200. */
const MAX_ACTIONS = 50;
const MAX_CHOICES = 200;

const numberField = (key: string, label: string, required = true): ActionField => ({
  key,
  label,
  kind: 'text',
  max: 64,
  required,
});

function campaignField(campaigns: readonly string[]): ActionField {
  if (campaigns.length === 0) {
    // Nothing known to choose from: typed, or the `campaign` setting's when left empty.
    return { key: 'campaign', label: 'Campaign', kind: 'text', max: 200, required: false };
  }
  const options = queueInfos(campaigns.slice(0, MAX_CHOICES)).map((q) => ({
    code: q.id,
    label: q.name,
  }));
  return { key: 'campaign', label: 'Campaign', kind: 'choice', options };
}

/** The actions on one call uContact told us about (answered: a recording and a dialer record). */
function callActions(call: TrackedCall): VendorActionInput[] {
  if (call.answeredAt === undefined) return [];
  const actions: VendorActionInput[] = [];
  if (call.guid) {
    actions.push({
      id: ACTION.tag,
      label: 'Tag the recording',
      hint: 'Adds your text to this call’s recording in uContact, to find it again later.',
      callId: call.id,
      states: ['connected', 'held', 'ended'],
      fields: [{ key: 'tag', label: 'Tag', kind: 'text', max: 500 }],
      submit: 'Tag',
    });
  }
  if (call.campaign) {
    actions.push({
      id: ACTION.respool,
      label: 'Call again on another number',
      hint: 'uContact’s dialer calls this contact again on the number you give, not the one just called.',
      callId: call.id,
      states: ['connected', 'ended'],
      fields: [
        numberField('destination', 'New number'),
        {
          key: 'alternatives',
          label: 'Other numbers (comma-separated)',
          kind: 'text',
          max: 300,
          required: false,
        },
        { key: 'dialerbase', label: 'Dialer list', kind: 'text', max: 200 },
        { key: 'contact', label: 'Contact id', kind: 'number', required: false },
        {
          key: 'priority',
          label: `Priority (2 or more; empty: ${DEFAULT_RESPOOL_PRIORITY})`,
          kind: 'number',
          required: false,
        },
      ],
      submit: 'Call again',
    });
  }
  if (call.number) {
    const scope = [
      ...(call.campaign ? [{ code: 'campaign', label: 'This campaign' }] : []),
      { code: 'all', label: 'Every campaign' },
    ];
    actions.push({
      id: ACTION.doNotCall,
      label: 'Do not call again',
      hint: 'Puts this number on uContact’s do-not-call list.',
      callId: call.id,
      states: ['connected', 'ended'],
      fields: [
        { key: 'scope', label: 'For', kind: 'choice', options: scope },
        { key: 'name', label: 'Customer name', kind: 'text', max: 200, required: false },
      ],
      submit: 'Add to the list',
    });
  }
  return actions;
}

/** Side-panel actions: not tied to a call. */
function panelActions(campaigns: readonly string[]): VendorActionInput[] {
  const campaign = campaignField(campaigns);
  return [
    {
      id: ACTION.addToDialer,
      label: 'Add a call to the dialer',
      hint: 'uContact’s dialer calls this number: now, or at the time you choose.',
      fields: [
        numberField('number', 'Number'),
        campaign,
        { key: 'at', label: 'When (empty: now)', kind: 'datetime', required: false },
        {
          key: 'assign',
          label: 'For',
          kind: 'choice',
          options: [
            { code: 'me', label: 'Me' },
            { code: 'anyone', label: 'Any agent' },
          ],
        },
      ],
      submit: 'Add',
    },
    {
      id: ACTION.removeFromDialer,
      label: 'Remove a number from the dialer',
      hint: 'The campaign’s dialer stops calling this number.',
      fields: [numberField('number', 'Number'), campaign],
      submit: 'Remove',
    },
    {
      id: ACTION.cancelScheduled,
      label: 'Cancel scheduled calls',
      hint: 'Cancels the calls scheduled to this number in the campaign between the two times (empty: from now on).',
      fields: [
        numberField('number', 'Number'),
        campaign,
        { key: 'from', label: 'From', kind: 'datetime', required: false },
        { key: 'to', label: 'Until', kind: 'datetime', required: false },
      ],
      submit: 'Cancel calls',
    },
  ];
}

/** Every action on offer now: the side panel's, then each known call's (newest last). */
export function offeredActions(
  calls: readonly TrackedCall[],
  campaigns: readonly string[],
): VendorActionInput[] {
  return [...panelActions(campaigns), ...calls.flatMap(callActions)].slice(0, MAX_ACTIONS);
}

/** The form's values checked against its fields: trimmed, present when required, well formed. */
export function checkValues(
  action: VendorActionInput,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const field of action.fields ?? []) {
    const value = (values[field.key] ?? '').trim();
    if (!value) {
      if (field.required ?? true) throw new CtiError('rejected', `Enter “${field.label}”`);
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) throw new CtiError('rejected', problem);
    checked[field.key] = value;
  }
  return checked;
}

function fieldProblem(field: ActionField, value: string): string | undefined {
  switch (field.kind) {
    case 'text': {
      const max = field.max ?? 200;
      return value.length > max ? `“${field.label}” takes at most ${max} characters` : undefined;
    }
    case 'number':
      return /^\d{1,9}$/.test(value) ? undefined : `“${field.label}” is a whole number`;
    case 'choice':
      return field.options?.some((o) => o.code === value)
        ? undefined
        : `Choose one of the offered “${field.label}”`;
    case 'datetime':
      return /^\d{1,16}$/.test(value) && Number(value) <= MAX_TIME_MS
        ? undefined
        : `“${field.label}” is not a date and time`;
  }
}

const optionalNumber = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);

/** Carries out a `vendorAction` command; rejects with a CtiError the agent can read. */
export async function runVendorAction(
  command: Extract<Command, { type: 'vendorAction' }>,
  host: ActionHost,
): Promise<void> {
  const action = offeredActions(host.calls.all(), host.campaigns()).find(
    (a) => a.id === command.action && a.callId === command.callId,
  );
  if (!action) {
    throw new CtiError(
      'unsupported',
      command.callId
        ? 'That action is not available on this call'
        : `uContact has no action “${command.action}”`,
    );
  }
  const values = checkValues(action, command.values);
  const call = command.callId ? host.calls.byId(command.callId) : undefined;
  if (call) return runCallAction(action.id, call, values, host);
  return runPanelAction(action.id, values, host);
}

async function runCallAction(
  id: string,
  call: TrackedCall,
  values: Record<string, string>,
  host: ActionHost,
): Promise<void> {
  switch (id) {
    case ACTION.tag:
      // Assumed: TagRecord's `phone` ("Destination phone") is the customer's number as uContact
      // knows it; the `tagRecordPhone` setting switches it to the agent's extension.
      await host.http.command(
        PATHS.tagRecord,
        {
          phone: host.config.tagRecordPhone === 'agent' ? host.extension : call.number,
          guid: call.guid ?? '',
          data: values.tag ?? '',
        },
        'tag the recording',
        { right: true, emptyOk: true },
      );
      return;
    case ACTION.respool: {
      const priority = optionalNumber(values.priority);
      if (priority !== undefined && priority < 2) {
        throw new CtiError('rejected', 'The priority is 2 or more: 1 is kept for scheduled calls');
      }
      const contact = optionalNumber(values.contact);
      await respool(host, {
        campaign: call.campaign ?? '',
        destination: values.destination ?? '',
        alternatives: (values.alternatives ?? '')
          .split(/[,:;]/)
          .map((n) => n.trim())
          .filter(Boolean),
        dialerbase: values.dialerbase ?? '',
        ...(contact !== undefined ? { contact } : {}),
        ...(priority !== undefined ? { priority } : {}),
      });
      return;
    }
    case ACTION.doNotCall:
      await addToDoNotCall(host, {
        phone: call.number,
        campaign: values.scope === 'campaign' ? (call.campaign ?? '*') : '*',
        ...(values.name ? { name: values.name } : {}),
      });
      return;
  }
}

async function runPanelAction(
  id: string,
  values: Record<string, string>,
  host: ActionHost,
): Promise<void> {
  const number = values.number ?? '';
  const campaign = values.campaign;
  switch (id) {
    case ACTION.addToDialer: {
      const at = optionalNumber(values.at);
      if (at !== undefined && at <= host.now()) {
        throw new CtiError(
          'rejected',
          'That time has passed: choose a later time, or none for now',
        );
      }
      await addToDialer(host, {
        number,
        ...(campaign ? { campaign } : {}),
        ...(at !== undefined ? { at } : {}),
        mine: values.assign === 'me',
      });
      return;
    }
    case ACTION.removeFromDialer:
      await removeContact(host, { number, ...(campaign ? { campaign } : {}) });
      return;
    case ACTION.cancelScheduled: {
      const from = optionalNumber(values.from);
      const to = optionalNumber(values.to);
      await removeScheduled(host, {
        number,
        campaign,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
      return;
    }
  }
}
