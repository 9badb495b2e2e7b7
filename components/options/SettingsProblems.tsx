/** Values that were ignored because they were invalid, policy's first: admins need to see them. */
import type { SettingsProblem } from '../../utils/settings/policy';
import { t } from '../../utils/i18n/runtime';

/** "Policy · clickToDial.defaultCountry: Two capital letters, e.g. US". */
function problemText({ source, path, message }: SettingsProblem): string {
  if (source === 'policy')
    return path
      ? t('settingsProblems.policyAt', { path, message })
      : t('settingsProblems.policy', { message });
  return path
    ? t('settingsProblems.userAt', { path, message })
    : t('settingsProblems.user', { message });
}

export function SettingsProblems({ problems }: { problems: readonly SettingsProblem[] }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) =>
    a.source === b.source ? 0 : a.source === 'policy' ? -1 : 1,
  );
  return (
    <div class="sb-notice sb-notice--warning" role="status">
      <div>
        <p>
          <strong>{t('settingsProblems.title')}</strong>
        </p>
        <ul>
          {sorted.map((p, i) => (
            <li key={i}>{problemText(p)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
