/**
 * A number as a vendor's dial plan wants it written (`dialFormat`, `dialPrefix` settings):
 * utils/phone/format.ts `formatForDial` with the vendor's settings.
 */
import { formatForDial, type DialFormat } from '../../../phone/format';

export interface DialPlan {
  dialFormat: DialFormat;
  /** The outside-line prefix, for vendors whose settings have one. */
  dialPrefix?: string;
  defaultCountry: string | undefined;
}

export function dialString(number: string, plan: DialPlan): string {
  return formatForDial(number, {
    format: plan.dialFormat,
    prefix: plan.dialPrefix ?? '',
    defaultCountry: plan.defaultCountry,
  });
}
