/** Values that were ignored because they were invalid, policy's first: admins need to see them. */
import type { SettingsProblem } from '../../utils/settings/policy';

export function SettingsProblems({ problems }: { problems: readonly SettingsProblem[] }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) =>
    a.source === b.source ? 0 : a.source === 'policy' ? -1 : 1,
  );
  return (
    <div class="sb-notice sb-notice--warning" role="status">
      <div>
        <p>
          <strong>Some settings were ignored because they are not valid:</strong>
        </p>
        <ul>
          {sorted.map((p, i) => (
            <li key={i}>
              {p.source === 'policy' ? 'Policy' : 'Your settings'}
              {p.path ? ` · ${p.path}` : ''}: {p.message}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
