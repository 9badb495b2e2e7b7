/**
 * XiVO presence extras (features.ts Presence): do-not-disturb and the three forwards come with
 * every UserConfigUpdate and change with `dnd` / `naFwd` / `uncFwd` / `busyFwd`, which xuc
 * confirms with a new UserConfigUpdate; voicemail counts come as VoiceMailStatusUpdate. The
 * user's CTI status (UsersStatuses, UserStatusUpdate, `changeUserStatus`) is offered as a vendor
 * action: the model has no place for an administrator's own list of statuses.
 */
import type { ForwardKind, Presence, VendorActionInput } from '../../features';
import { CtiError, type CtiEvent } from '../../model';
import type { Requests } from './requests';
import {
  clientFrames,
  type ClientFrame,
  type InboundMessage,
  type UserConfigPayload,
} from './wire';
import type { UserStatus } from './wire-features';

export const USER_STATUS_ACTION = 'xivo.userStatus';

const FORWARDS = {
  noAnswer: { command: 'naFwd', enabled: 'naFwdEnabled', destination: 'naFwdDestination' },
  unconditional: { command: 'uncFwd', enabled: 'uncFwdEnabled', destination: 'uncFwdDestination' },
  busy: { command: 'busyFwd', enabled: 'busyFwdEnabled', destination: 'busyFwdDestination' },
} as const satisfies Record<ForwardKind, object>;

const DESTINATION = /^\+?[0-9*#]{1,32}$/;

/** The presence a UserConfigUpdate states; fields it leaves out stay unsaid. */
export function presenceOf(config: Partial<UserConfigPayload>): Presence {
  const forwards: NonNullable<Presence['forwards']> = {};
  for (const [kind, keys] of Object.entries(FORWARDS) as [
    ForwardKind,
    (typeof FORWARDS)[ForwardKind],
  ][]) {
    const enabled = config[keys.enabled];
    if (enabled === null || enabled === undefined) continue;
    forwards[kind] = { enabled, destination: (config[keys.destination] ?? '').slice(0, 64) };
  }
  return {
    ...(typeof config.dndEnabled === 'boolean' ? { dnd: config.dndEnabled } : {}),
    ...(Object.keys(forwards).length ? { forwards } : {}),
  };
}

export interface PresenceDeps {
  emit(event: CtiEvent): void;
  send(frame: ClientFrame): void;
  requests: Requests;
  actionsChanged(): void;
}

export class PresenceBook {
  private config: Partial<UserConfigPayload> | undefined;
  private statuses: UserStatus[] = [];
  private status: string | undefined;

  constructor(private readonly deps: PresenceDeps) {}

  /** The user's mobile number (UserConfigUpdate), where dialFromMobile calls from. */
  get mobileNumber(): string | undefined {
    return this.config?.mobileNumber || undefined;
  }

  onMessage(message: InboundMessage): boolean {
    switch (message.msgType) {
      case 'UserConfigUpdate': {
        this.config = { ...this.config, ...definedOf(message.payload) };
        const presence = presenceOf(message.payload);
        if (Object.keys(presence).length) this.deps.emit({ type: 'presence', presence });
        // The adapter reads the agent id from it too.
        return false;
      }
      case 'VoiceMailStatusUpdate': {
        const { newMessages, oldMessages } = message.payload;
        const voicemail = {
          new: newMessages,
          ...(oldMessages != null ? { old: oldMessages } : {}),
        };
        this.deps.emit({ type: 'presence', presence: { voicemail } });
        return true;
      }
      case 'UsersStatuses':
        this.statuses = message.payload;
        this.deps.actionsChanged();
        return true;
      case 'UserStatusUpdate':
        this.status = message.payload.status;
        this.deps.actionsChanged();
        return true;
      default:
        return false;
    }
  }

  setDnd(enabled: boolean): Promise<void> {
    if (this.config?.dndEnabled === enabled) return Promise.resolve();
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.dnd(enabled)),
      match: (m) =>
        m.msgType === 'UserConfigUpdate' && m.payload.dndEnabled === enabled
          ? { value: undefined }
          : undefined,
      late: enabled
        ? 'XiVO did not confirm do-not-disturb: calls may still ring'
        : 'XiVO did not confirm that do-not-disturb is off: calls may not ring',
    });
  }

  setForward(kind: ForwardKind, enabled: boolean, destination: string): Promise<void> {
    const keys = FORWARDS[kind];
    const wanted = destination.trim() || (enabled ? '' : (this.config?.[keys.destination] ?? ''));
    if (enabled && !DESTINATION.test(wanted)) {
      throw new CtiError('rejected', 'Enter the number to forward calls to (digits, * and # only)');
    }
    const current = this.config;
    if (current?.[keys.enabled] === enabled && (!enabled || current[keys.destination] === wanted)) {
      return Promise.resolve();
    }
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.forward(keys.command, enabled, wanted)),
      match: (m) => {
        if (m.msgType !== 'UserConfigUpdate' || m.payload[keys.enabled] !== enabled)
          return undefined;
        return !enabled || m.payload[keys.destination] === wanted
          ? { value: undefined }
          : undefined;
      },
      late: enabled
        ? `XiVO did not confirm the forward to ${wanted}: calls may still ring here`
        : 'XiVO did not confirm that the forward is off: calls may still be forwarded',
    });
  }

  /** The "Status" action, once xuc listed the statuses and said which one is the user's. */
  actions(): VendorActionInput[] {
    if (this.statuses.length === 0 || this.status === undefined) return [];
    const current = this.statuses.find((s) => s.name === this.status);
    return [
      {
        id: USER_STATUS_ACTION,
        label: `Status: ${current?.longName ?? this.status}`.slice(0, 200),
        hint: 'Your XiVO status, as colleagues see it.',
        fields: [
          {
            key: 'status',
            label: 'Status',
            kind: 'choice',
            options: this.statuses
              .slice(0, 200)
              .map((s) => ({ code: s.name, label: (s.longName ?? s.name).slice(0, 200) })),
          },
        ],
        submit: 'Set',
      },
    ];
  }

  /** changeUserStatus, confirmed by UserStatusUpdate. */
  setStatus(values: Readonly<Record<string, string>>): Promise<void> {
    const status = this.statuses.find((s) => s.name === values.status)?.name;
    if (!status) throw new CtiError('rejected', 'Choose one of the statuses XiVO lists');
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.userStatusUpdate(status)),
      match: (m) =>
        m.msgType === 'UserStatusUpdate' && m.payload.status === status
          ? { value: undefined }
          : undefined,
      late: 'XiVO did not confirm your new status',
    });
  }
}

function definedOf(config: UserConfigPayload): Partial<UserConfigPayload> {
  return Object.fromEntries(
    Object.entries(config).filter(([, v]) => v !== undefined && v !== null),
  );
}
