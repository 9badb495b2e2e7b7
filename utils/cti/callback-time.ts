/**
 * The one rule on call-back times every layer shares, kept apart from the model's zod schemas so
 * that the panel can say it without loading them (docs/benchmarks.md, `panel`).
 */
import { t } from '../i18n/runtime';

/** Why a call-back time is refused: it is not in the future. In the interface's language. */
export const pastCallbackMessage = (): string => t('commands.pastCallback');
