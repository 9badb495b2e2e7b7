/**
 * Reads the shape of `connection.<vendor>` from the settings schema so that the options page
 * shows a field for every key a vendor declares, including vendors added later ("Adding a
 * vendor means … one entry in the settings schema — nothing else", DESIGN.md).
 */
import { z } from 'zod';
import { Settings } from '../settings/schema';

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

/** The fields of `connection.<vendor>` in schema order; empty when the vendor has none. */
export function connectionFields(vendor: string): SchemaField[] {
  const connection = unwrap(Settings.shape.connection);
  if (!(connection instanceof z.ZodObject)) return [];
  const entry = (connection.shape as Record<string, z.ZodType>)[vendor];
  if (!entry) return [];
  const object = unwrap(entry);
  if (!(object instanceof z.ZodObject)) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([key, schema]) => ({
    key,
    field: kindOf(schema),
  }));
}
