/**
 * The vendor descriptor contract: everything Switchboard knows about one contact-center platform,
 * declared in that vendor's folder (`utils/cti/vendors/<id>/index.ts`) and listed once in the
 * registry (`utils/cti/vendors/index.ts`). Settings, the managed schema, the options page, the
 * sign-in form, the background and the content script learn about vendors only from here, so a
 * new vendor is its folder, its simulator, its conformance test and one registry line.
 */
import type { z } from 'zod';
import type { Capabilities, EventSource, SignInField, VendorAdapter } from './adapter';
import type { CodeLabel } from './model';

/** A vendor's `connection.<id>` settings: an object whose every field has a default. */
export type ConnectionSchema = z.ZodObject;

/** How one connection setting is shown and documented. */
export interface ConnectionFieldText {
  /** The options page's label; also the sign-in form's, when `signIn` is set. */
  label: string;
  /** A sentence under the field in the options page. */
  hint?: string;
  /** What the setting means, for admins reading `managed_schema.json` or chrome://policy. */
  policy: string;
  /** Shown on the sign-in form too, unless policy sets it. */
  signIn?: { placeholder?: string };
  /** The keyboard a text field asks for (default text). */
  inputMode?: 'url' | 'text' | 'numeric';
  /** Labels of an enum setting's values that are this vendor's own words. */
  options?: Readonly<Record<string, string>>;
}

/**
 * Events that reach the background from a web page rather than the vendor's own transport
 * (uContact's agent portal posts its softphone's events with postMessage). The content script
 * forwards, from the top frame of a page on `origin`, the messages that `events` accepts; the
 * background checks the sender again and hands the payload to the adapter's `receive`.
 */
export interface PageEventSource<C> {
  source: EventSource;
  /** The http(s) origin of the page allowed to report (scheme://host[:port]); '' for none. */
  origin(connection: C): string;
  /**
   * Which postMessage payloads are events: a plain object whose property `key` holds one of
   * `values`. Name checks only: the content script runs in every page and carries no schema.
   */
  events: readonly { key: string; values: readonly string[] }[];
}

/** The settings an adapter is created from: its own connection and the few shared ones. */
export interface VendorSettings<Id extends string, C> {
  connection: { [K in Id]: C };
  /**
   * The agent's country for numbers written without a country code: the one the background
   * resolved (policy, the agent's choice or the browser's language region); absent while it is
   * unknown, when only numbers written with their country code can be read.
   */
  clickToDial: { defaultCountry?: string | undefined };
  dispositions: { codes: readonly CodeLabel[] };
}

/** A vendor's connection settings: the schema, and the words for the object and each field. */
export interface ConnectionSettings<S extends ConnectionSchema = ConnectionSchema> {
  /** `connection.<id>` in the settings, every default written here once. */
  readonly schema: S;
  /** What the `connection.<id>` object is, for admins. */
  readonly policy: string;
  readonly fields: { readonly [K in keyof z.output<S> & string]: ConnectionFieldText };
}

/** Checks a vendor's connection settings against the contract, keeping the schema's type. */
export function defineConnection<S extends ConnectionSchema>(
  settings: ConnectionSettings<S>,
): ConnectionSettings<S> {
  return settings;
}

export interface VendorDescriptor<
  Id extends string = string,
  S extends ConnectionSchema = ConnectionSchema,
> {
  readonly id: Id;
  /** Product name shown to agents and admins. */
  readonly label: string;
  /** The same as every adapter instance's: known before sign-in so the panel can be drawn. */
  readonly capabilities: Capabilities;
  /** What the agent types at sign-in (never stored on disk). */
  readonly signInFields: readonly SignInField[];
  readonly connection: ConnectionSettings<S>;
  readonly pageEvents?: PageEventSource<z.output<S>>;
  /**
   * A new adapter for one connection (the session calls it on every connect: state that must
   * outlive a connection goes through `AdapterContext.checkpoint`). Throws CtiError('config')
   * when the settings cannot work (no server URL…).
   */
  create(settings: VendorSettings<Id, z.output<S>>): VendorAdapter;
}

/** Checks a descriptor against the contract while keeping its literal id and schema types. */
export function defineVendor<const Id extends string, S extends ConnectionSchema>(
  descriptor: VendorDescriptor<Id, S>,
): VendorDescriptor<Id, S> {
  return descriptor;
}

/** The connection settings the sign-in form shows (unless policy sets them), in schema order. */
export function signInConnectionFields(
  vendor: VendorDescriptor,
): { key: string; label: string; placeholder?: string }[] {
  const fields: Readonly<Record<string, ConnectionFieldText>> = vendor.connection.fields;
  return Object.keys(vendor.connection.schema.shape).flatMap((key) => {
    const text = fields[key];
    if (!text?.signIn) return [];
    const { placeholder } = text.signIn;
    return [
      placeholder === undefined
        ? { key, label: text.label }
        : { key, label: text.label, placeholder },
    ];
  });
}

/** True when `data` is one of the events `rules` accept (`PageEventSource.events`). */
export function isPageEvent(
  rules: readonly { key: string; values: readonly string[] }[],
  data: unknown,
): data is Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return rules.some(({ key, values }) => {
    const value = record[key];
    return typeof value === 'string' && values.includes(value);
  });
}
