/**
 * The ring tone's settings in the Display section: on or off, and its volume (background/ring.ts
 * plays it). Either may be set by policy, which disables its control.
 */
import { formatPercent } from '../../utils/i18n/format';
import { RING_SOUND_TEXT as TEXT } from '../../utils/ui/labels';
import { CheckboxField, FieldNotes } from './fields';
import { fieldMeta, type SettingsForm } from './form';

const VOLUME = 'ui.ringVolume';

export function RingSoundFields({ form }: { form: SettingsForm }) {
  const meta = fieldMeta(form, VOLUME);
  const volume = typeof meta.value === 'number' ? meta.value : 0;
  const valueId = `${meta.id}-value`;
  return (
    <>
      <CheckboxField
        form={form}
        path="ui.ringSound"
        label={TEXT.ringSound().label}
        hint={TEXT.ringSound().hint}
      />
      <div class="sb-field">
        <label for={meta.id}>{TEXT.ringVolume().label}</label>
        <div class="sb-row">
          <input
            id={meta.id}
            type="range"
            min={0}
            max={100}
            step={5}
            value={volume}
            // Turning the volume of a ring that is off changes nothing the agent can hear.
            disabled={meta.locked || form.busy || !form.draft.ui.ringSound}
            aria-describedby={meta.describedBy}
            onInput={(e) => form.set(VOLUME, Number(e.currentTarget.value))}
          />
          <output id={valueId} for={meta.id}>
            {formatPercent(volume)}
          </output>
        </div>
        <FieldNotes meta={meta} />
      </div>
    </>
  );
}
