/**
 * Every setting of Switchboard, in one place (DESIGN.md "Settings and policy"). The top-level
 * keys are the public admin contract: any of them can be pushed by browser policy, which
 * overrides and locks the user's value. `public/managed_schema.json` is generated from this file
 * (`npm run gen:managed-schema`) and a test keeps the two in agreement.
 *
 * Passwords and tokens are never settings: they are typed at sign-in and stay in the background.
 */
import { z } from 'zod';
import type { VendorDescriptor } from '../cti/vendor';
import { VENDORS } from '../cti/vendors';
import { isSupportedCountry } from 'libphonenumber-js/min';
import { UI_LANGUAGES } from '../i18n/languages';

export const SitesMode = z.enum(['all', 'allow', 'block']);

export const ClickToDial = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * ISO 3166 alpha-2, used for numbers written without a country code. Not set by default:
     * the background then takes the browser's language region, or asks the agent
     * (utils/background/default-country.ts).
     */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Two capital letters, e.g. US')
      // The countries libphonenumber knows, which the numbering plans are generated from.
      .refine(
        (code): boolean => isSupportedCountry(code),
        'Not a country code known to the numbering plans',
      )
      .optional(),
    sites: z
      .object({
        mode: SitesMode.default('all'),
        /** Match patterns (https://*.example.com/*) or host names. */
        patterns: z.array(z.string().min(1).max(500)).max(500).default([]),
      })
      .default({ mode: 'all', patterns: [] }),
    /** Ask before dialling a number outside the default country. */
    confirmInternational: z.boolean().default(false),
    /** E.164 prefixes that are never dialled (premium rate…), e.g. "+1900". */
    blockedPrefixes: z
      .array(z.string().regex(/^\+[0-9]{1,15}$/, 'An E.164 prefix such as +1900'))
      .max(200)
      .default([]),
    /**
     * A trusted click on a tel:, callto: or sip: link dials through Switchboard instead of the
     * computer's default app for such links.
     */
    telLinks: z.boolean().default(false),
  })
  .default({
    enabled: true,
    sites: { mode: 'all', patterns: [] },
    confirmInternational: false,
    blockedPrefixes: [],
    telLinks: false,
  });

export const PopTrigger = z.enum(['ringing', 'answered', 'manual']);
export const PopTarget = z.enum(['newTab', 'reuseTab', 'window']);

export const ScreenPopRule = z.object({
  id: z.string().min(1).max(100),
  trigger: PopTrigger.default('ringing'),
  direction: z.enum(['inbound', 'outbound', 'any']).default('inbound'),
  /** Glob on the queue name (`*` any run of characters); absent matches every call. */
  queue: z.string().max(200).optional(),
  /** URL template with {e164}, {national}, {digits}, {extension}, {name}, {queue}, {callId}, {direction}, {data.KEY}. */
  url: z.string().min(1).max(2000),
  target: PopTarget.default('newTab'),
});
export type ScreenPopRule = z.infer<typeof ScreenPopRule>;

export const ScreenPop = z
  .object({
    rules: z.array(ScreenPopRule).max(100).default([]),
    /** Extra origins a rendered URL may point to, beyond each template's own. */
    allowedOrigins: z.array(z.string().min(1).max(500)).max(100).default([]),
  })
  .default({ rules: [], allowedOrigins: [] });

export const Dispositions = z
  .object({
    /** The agent must save a disposition before going ready again. */
    required: z.boolean().default(false),
    /** Codes for vendors without their own list. */
    codes: z
      .array(z.object({ code: z.string().min(1).max(100), label: z.string().min(1).max(200) }))
      .max(200)
      .default([]),
  })
  .default({ required: false, codes: [] });

const CodeLabelSetting = z.object({
  code: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
});

export const AgentSettings = z
  .object({
    /**
     * Pause reasons offered when the agent goes not ready, on platforms that take a reason but
     * publish no list of their own (`Capabilities.pauseReasons` `policy`: XiVO).
     */
    pauseReasons: z.array(CodeLabelSetting).max(50).default([]),
  })
  .default({ pauseReasons: [] });

export const SpeedDial = z.object({
  name: z.string().trim().min(1).max(200),
  /** A number or extension as the agent would dial it. */
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9*#]{1,32}$/, 'A speed-dial number is digits, * and # (a leading + allowed)'),
  /** A line under the name (team, site). */
  detail: z.string().trim().max(200).optional(),
});
export type SpeedDial = z.infer<typeof SpeedDial>;

export const DirectorySettings = z
  .object({
    /** Entries every agent finds in the directory, on every platform. */
    speedDial: z.array(SpeedDial).max(500).default([]),
  })
  .default({ speedDial: [] });

/** The ring tone's loudness when nothing says otherwise (0–100). */
export const DEFAULT_RING_VOLUME = 70;

export const Ui = z
  .object({
    /**
     * The interface's language: `browser` follows the browser's (English when it is not one of
     * ours), a language code overrides it (utils/i18n/, docs/architecture.md "Languages").
     */
    language: z.enum(UI_LANGUAGES).default('browser'),
    /** A ring tone plays while an inbound call rings (background/ring.ts). */
    ringSound: z.boolean().default(true),
    /** The ring tone's volume, 0 (silent) to 100 (full). */
    ringVolume: z.number().int().min(0).max(100).default(DEFAULT_RING_VOLUME),
  })
  .default({ language: 'browser', ringSound: true, ringVolume: DEFAULT_RING_VOLUME });

/** Limits of the agent's call history (IndexedDB), applied whenever it is written or they change. */
export const HistorySettings = z
  .object({
    /** Calls older than this many days are deleted. */
    retentionDays: z.number().int().min(1).max(3650).default(30),
    /** At most this many calls are kept; the oldest go first. */
    maxEntries: z.number().int().min(10).max(20_000).default(5000),
  })
  .default({ retentionDays: 30, maxEntries: 5000 });
export type HistorySettings = z.infer<typeof HistorySettings>;

type Vendors = readonly [VendorDescriptor, ...VendorDescriptor[]];

/** `connection`: one object per vendor, each filled with its own defaults (the vendor's folder). */
type ConnectionShape<Vs extends Vendors> = {
  [V in Vs[number] as V['id']]: z.ZodPrefault<V['connection']['schema']>;
};

/**
 * The settings schema for a list of vendors: the registry's in the extension; a test adds a
 * vendor of its own to prove that a new vendor needs nothing outside its folder.
 */
export function buildSettingsSchema<const Vs extends Vendors>(vendors: Vs) {
  const ids = vendors.map((vendor) => vendor.id) as [Vs[number]['id'], ...Vs[number]['id'][]];
  const connection = Object.fromEntries(
    vendors.map((vendor) => [vendor.id, vendor.connection.schema.prefault({})]),
  ) as ConnectionShape<Vs>;
  return z.object({
    vendor: z.enum(ids).default(ids[0]),
    // Every vendor's fields have defaults, so an empty object parses to all of them.
    // (`never`: TypeScript cannot see through the generic shape that {} is a valid input.)
    connection: z.object(connection).prefault({} as never),
    clickToDial: ClickToDial,
    screenPop: ScreenPop,
    dispositions: Dispositions,
    agent: AgentSettings,
    directory: DirectorySettings,
    history: HistorySettings,
    ui: Ui,
  });
}

export const Settings = buildSettingsSchema(VENDORS);
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

export type { DialFormat } from '../phone/format';

/** Top-level keys that policy may set. */
export const POLICY_KEYS = Object.keys(Settings.shape) as (keyof Settings)[];

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
