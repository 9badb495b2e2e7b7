/**
 * Reads the shape of a vendor's connection settings (`VendorDescriptor.connection.schema`) so
 * that the options page shows a field for every key a vendor declares, including vendors added
 * later: a vendor is its folder and one registry line (docs/architecture.md).
 */
import { z } from 'zod';
import type { VendorDescriptor } from '../cti/vendor';
import { VENDORS } from '../cti/vendors';

export type FieldKind =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'list' };

export interface SchemaField {
  key: string;
  field: FieldKind;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (
    s instanceof z.ZodDefault ||
    s instanceof z.ZodPrefault ||
    s instanceof z.ZodOptional ||
    s instanceof z.ZodNullable
  ) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

function kindOf(schema: z.ZodType): FieldKind {
  const s = unwrap(schema);
  if (s instanceof z.ZodEnum) return { kind: 'enum', options: s.options.map(String) };
  if (s instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (s instanceof z.ZodNumber) return { kind: 'number' };
  if (s instanceof z.ZodArray) return { kind: 'list' };
  return { kind: 'text' };
}

/** The fields of `connection.<vendor>` in schema order; empty for a vendor not in `vendors`. */
export function connectionFields(
  vendor: string,
  vendors: readonly VendorDescriptor[] = VENDORS,
): SchemaField[] {
  const object = vendors.find((v) => v.id === vendor)?.connection.schema;
  if (!object) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([key, schema]) => ({
    key,
    field: kindOf(schema),
  }));
}
