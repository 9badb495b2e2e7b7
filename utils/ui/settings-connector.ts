/**
 * What the options page needs from settings storage, as one interface so that the page can be
 * tested and previewed with an in-memory double.
 */
import type { ResolvedSettings } from '../settings/policy';
import { loadSettings, saveUserSettings, watchSettings } from '../storage/user-settings';

export interface SettingsConnector {
  load(): Promise<ResolvedSettings>;
  /** Merge `patch` into the user's values; locked paths are skipped by storage. */
  save(patch: Record<string, unknown>): Promise<ResolvedSettings>;
  watch(listener: (settings: ResolvedSettings) => void, signal: AbortSignal): void;
}

export const storageSettingsConnector: SettingsConnector = {
  load: loadSettings,
  save: saveUserSettings,
  watch: watchSettings,
};
