/**
 * Which screen-pop rule applies to a call (DESIGN.md "Screen-pop"): the first rule, in the
 * admin's order, whose trigger, direction and queue pattern all match (and, for a `{vendorUrl}`
 * rule, for which the platform sent a page).
 */
import type { Call } from '../cti/model';
import type { ScreenPopRule } from '../settings/schema';
import { isVendorUrlTemplate } from './template';

export type PopTrigger = ScreenPopRule['trigger'];

/**
 * A queue glob as a whole-string, case-insensitive regular expression. Only `*` is special:
 * queue names often contain `.`, `(` or `+`, which must match literally.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Which of a rule's conditions a call fails, first one first (diagnostics say it). */
export type RuleMismatch = 'trigger' | 'direction' | 'queue' | 'vendorPage';

/** The first condition of `rule` that `call` fails for `trigger`; undefined when it matches. */
export function ruleMismatch(
  rule: ScreenPopRule,
  call: Call,
  trigger: PopTrigger,
): RuleMismatch | undefined {
  if (rule.trigger !== trigger) return 'trigger';
  if (rule.direction !== 'any' && rule.direction !== call.direction) return 'direction';
  // A call without a queue (a direct call) matches only patterns that accept the empty name, like `*`.
  if (rule.queue !== undefined && !globToRegExp(rule.queue).test(call.queue ?? '')) return 'queue';
  // A rule that opens the platform's own page applies once the platform has sent one, so that a
  // rule after it serves the calls without (and a page sent later still pops).
  if (isVendorUrlTemplate(rule.url) && !call.popUrl?.trim()) return 'vendorPage';
  return undefined;
}

export const ruleMatches = (rule: ScreenPopRule, call: Call, trigger: PopTrigger): boolean =>
  ruleMismatch(rule, call, trigger) === undefined;

export function matchRule(
  rules: readonly ScreenPopRule[],
  call: Call,
  trigger: PopTrigger,
): ScreenPopRule | undefined {
  return rules.find((rule) => ruleMatches(rule, call, trigger));
}
