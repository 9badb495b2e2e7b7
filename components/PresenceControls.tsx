/**
 * Presence extras (side panel, More): do-not-disturb, call forwarding (all calls, when not
 * answered, when busy) and the voicemail count, each only where the vendor has it. Without the
 * command the state is shown but cannot be changed here.
 */
import { useState } from 'preact/hooks';
import type { Forward, ForwardKind } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import { commandOrProblem, FORWARD_KINDS, forwardKindText } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function PresenceControls({ state, connector }: Props) {
  const action = useAction(connector);
  const { presence } = state.agentTools;
  const canDnd = state.commands.includes('setDnd');
  const canForward = state.commands.includes('setForward');
  const presenceFeature = state.features.includes('presence');
  const kinds = canForward
    ? FORWARD_KINDS
    : FORWARD_KINDS.filter((k) => presence.forwards?.[k] !== undefined);
  const showPresence = presenceFeature || canDnd || canForward;
  const voicemail = state.features.includes('voicemail');
  if (!showPresence && !voicemail) return null;
  return (
    <section class="sb-tool" aria-labelledby="sb-presence-title">
      <h2 id="sb-presence-title" class="sb-title">
        {t('presence.title')}
      </h2>
      {canDnd ? (
        <div class="sb-row">
          <button
            type="button"
            aria-pressed={presence.dnd === true}
            disabled={action.pending}
            onClick={() =>
              action.run({
                type: 'panel/command',
                command: { type: 'setDnd', enabled: presence.dnd !== true },
              })
            }
          >
            {t('presence.dnd')}
          </button>
        </div>
      ) : (
        presence.dnd !== undefined && (
          <p>{presence.dnd ? t('presence.dndOn') : t('presence.dndOff')}</p>
        )
      )}
      <ErrorAlert message={action.error} />
      {kinds.map((kind) =>
        canForward ? (
          <ForwardForm
            // A change the vendor reports resets the form to it.
            key={`${kind}|${presence.forwards?.[kind]?.enabled}|${presence.forwards?.[kind]?.destination}`}
            kind={kind}
            current={presence.forwards?.[kind]}
            connector={connector}
          />
        ) : (
          <p key={kind}>{forwardText(kind, presence.forwards?.[kind])}</p>
        ),
      )}
      {voicemail && <p>{voicemailText(presence.voicemail)}</p>}
    </section>
  );
}

/** "Forward all calls: on, to 1002", "Forward when busy: off". */
const forwardText = (kind: ForwardKind, forward: Forward | undefined): string =>
  forward?.enabled
    ? t('presence.forwardOn', { kind: forwardKindText(kind), destination: forward.destination })
    : t('presence.forwardOff', { kind: forwardKindText(kind) });

/** "Now on, to 1002", "Now off". */
const nowText = (forward: Forward | undefined): string =>
  forward?.enabled
    ? t('presence.nowOn', { destination: forward.destination })
    : t('presence.nowOff');

export function voicemailText(voicemail: PanelState['agentTools']['presence']['voicemail']) {
  if (!voicemail) return t('presence.voicemailUnknown');
  if (voicemail.old !== undefined)
    return t('presence.voicemailNewOld', {
      new: formatNumber(voicemail.new),
      old: formatNumber(voicemail.old),
    });
  return voicemail.new === 0
    ? t('presence.noVoicemail')
    : t('presence.voicemailNew', { new: formatNumber(voicemail.new) });
}

function ForwardForm({
  kind,
  current,
  connector,
}: {
  kind: ForwardKind;
  current: Forward | undefined;
  connector: PanelConnector;
}) {
  const action = useAction(connector);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  const [destination, setDestination] = useState(current?.destination ?? '');
  const name = forwardKindText(kind);
  const base = `sb-forward-${kind}`;
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (enabled && !destination.trim()) {
      action.setError(t('presence.needDestination'));
      return;
    }
    const command = await commandOrProblem({ type: 'setForward', kind, enabled, destination });
    if (typeof command === 'string') action.setError(command);
    else await action.run({ type: 'panel/command', command });
  };
  return (
    <form class="sb-forward" onSubmit={onSubmit} aria-label={name} noValidate>
      <div class="sb-row sb-wrap">
        <label>
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {name}
        </label>
        <span class="sb-muted">{nowText(current)}</span>
      </div>
      <div class="sb-row">
        <label for={`${base}-to`} class="sb-visually-hidden">
          {t('presence.forwardTo', { kind: name })}
        </label>
        <input
          id={`${base}-to`}
          type="tel"
          inputMode="tel"
          maxLength={64}
          placeholder={t('presence.number')}
          value={destination}
          onInput={(e) => setDestination(e.currentTarget.value)}
        />
        <button
          type="submit"
          class="sb-small"
          aria-label={t('presence.saveNamed', { kind: name })}
          disabled={action.pending}
        >
          {t('presence.save')}
        </button>
      </div>
      <ErrorAlert message={action.error} />
    </form>
  );
}
