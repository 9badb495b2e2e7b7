/**
 * Every setting of Switchboard, in one place (DESIGN.md "Settings and policy"). The top-level
 * keys are the public admin contract: any of them can be pushed by browser policy, which
 * overrides and locks the user's value. `public/managed_schema.json` is generated from this file
 * (`npm run gen:managed-schema`) and a test keeps the two in agreement.
 *
 * Passwords and tokens are never settings: they are typed at sign-in and stay in the background.
 */
import { z } from 'zod';
import { VendorId } from '../cti/model';

const httpUrl = z
  .string()
  .trim()
  .refine((s) => s === '' || /^https?:\/\/[^\s/]+/i.test(s), 'Enter a URL starting with https://');

export const DialFormat = z.enum(['e164', 'national', 'digits']);
export type DialFormat = z.infer<typeof DialFormat>;

export const XivoConnection = z
  .object({
    /** Base URL of the xuc server, e.g. https://xuc.example.com:8090 */
    server: httpUrl.default(''),
    /** How numbers are written in the dial frame: PBX dial plans differ. */
    dialFormat: DialFormat.default('e164'),
    /** Prepended to every dialled external number (an outside-line digit such as 0 or 9). */
    dialPrefix: z
      .string()
      .regex(/^[0-9*#]*$/, 'Digits, * and # only')
      .max(8)
      .default(''),
  })
  .default({ server: '', dialFormat: 'e164', dialPrefix: '' });

/** Windstream Enterprise Contact Center Services (vendors/README.md §5). */
export const CcsConnection = z
  .object({
    /** Base URL of the tenant's CCS domain, e.g. https://ccs.example.com */
    domain: httpUrl.default(''),
    tenantId: z.string().trim().max(100).default(''),
    /** The agent's extension uuid. */
    extensionId: z.string().trim().max(100).default(''),
    /** Outbound queue uuid that click-to-dial calls go out through. */
    outboundQueueId: z.string().trim().max(100).default(''),
    /** §5.4's dial example targets digits behind an outside-line digit ("819735552106"). */
    dialFormat: DialFormat.default('digits'),
    dialPrefix: z
      .string()
      .regex(/^[0-9*#]*$/, 'Digits, * and # only')
      .max(8)
      .default(''),
    /** `sil_tenant_url` (e.g. /ccsl06), sent with the extension + PIN sign-in (§5.2, §5.3). */
    tenantUrl: z.string().trim().max(200).default(''),
    // The WebSocket event catalogue is not public (§5.5 [UNKNOWN]): the frame's type key, where
    // its payload sits and the event names are settings; the defaults are the §5.5/§9 assumption.
    // '' for a name means "this platform sends no such event".
    eventTypeKey: z.string().trim().min(1).max(100).default('action'),
    /** '' = the payload is the frame itself. */
    eventPayloadKey: z.string().trim().max(100).default('response'),
    eventCallRinging: z.string().trim().max(100).default('call_ringing'),
    eventCallDialing: z.string().trim().max(100).default('call_dialing'),
    eventCallAnswered: z.string().trim().max(100).default('call_answered'),
    eventCallEnded: z.string().trim().max(100).default('call_ended'),
    eventAgentState: z.string().trim().max(100).default('update_agent'),
    /** Requests sent after `connect` to ask for events (the /6/sock wallboard's `fetch_*`, §5.2). */
    eventSubscribe: z
      .array(z.string().trim().min(1).max(100))
      .max(20)
      .default(['fetch_agent_events', 'fetch_call_events']),
  })
  .default({
    domain: '',
    tenantId: '',
    extensionId: '',
    outboundQueueId: '',
    dialFormat: 'digits',
    dialPrefix: '',
    tenantUrl: '',
    eventTypeKey: 'action',
    eventPayloadKey: 'response',
    eventCallRinging: 'call_ringing',
    eventCallDialing: 'call_dialing',
    eventCallAnswered: 'call_answered',
    eventCallEnded: 'call_ended',
    eventAgentState: 'update_agent',
    eventSubscribe: ['fetch_agent_events', 'fetch_call_events'],
  });

/** MaxContact Telephony Data Services (vendors/README.md §3). */
export const MaxContactConnection = z
  .object({
    /** Base URL of the MaxContact instance, e.g. https://acme.maxcontact.com */
    baseUrl: httpUrl.default(''),
    /** The agent's MaxContact user id, when it differs from the sign-in login. */
    userId: z.string().trim().max(100).default(''),
    /** How numbers are written in `dial/…/phone/{num}`: the form the dial plan wants is [UNKNOWN] (§3.4). */
    dialFormat: DialFormat.default('e164'),
    /** `getcalls` interval while a call is live or the panel is open (§3.6: 1–2 s). */
    pollIntervalMs: z.number().int().min(500).max(10_000).default(1000),
    /** `getcalls` interval otherwise; below the 30 s after which Chrome stops an idle worker. */
    idlePollIntervalMs: z.number().int().min(1000).max(20_000).default(5000),
    /** Result code `connectcalls` files both legs of a warm transfer under; empty: the platform's transfer code. */
    transferResultCode: z.string().trim().max(100).default(''),
  })
  .default({
    baseUrl: '',
    userId: '',
    dialFormat: 'e164',
    pollIntervalMs: 1000,
    idlePollIntervalMs: 5000,
    transferResultCode: '',
  });

/** uContact Integra (vendors/README.md §4). */
export const UcontactConnection = z
  .object({
    /** Base URL of the uContact instance, e.g. https://acme.ucontactcloud.com (§4.1). */
    baseUrl: httpUrl.default(''),
    /** Origin of the agent portal whose softphone frame posts call events (§4.4). */
    portalOrigin: httpUrl.default(''),
    /** Agent name for commands; empty: the agent typed at sign-in. */
    agent: z.string().trim().max(100).default(''),
    /** The agent's SIP extension (interface `SIP/<ext>`); empty: AgentLogin's `callerid`. */
    extension: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_-]*$/, 'Letters, digits, - and _ only')
      .max(40)
      .default(''),
    /** Outbound campaign that AgentCall counts click-to-dial calls under (`outqueue`, §4.3). */
    campaign: z.string().trim().max(200).default(''),
    /** The agent's dial-plan context for AgentCall (§4.3). */
    context: z.string().trim().max(100).default('from-internal'),
    /** Caller id AgentCall presents; empty: the platform's default. */
    callerId: z.string().trim().max(40).default(''),
    /** `basic`: agent + password (AgentLogin's md5secret); `bearer`: a portal API token (§4.2). */
    authScheme: z.enum(['basic', 'bearer']).default('basic'),
    dialFormat: DialFormat.default('digits'),
    /** No "answered" event exists (§4.5 [INFERRED]): a ringing call counts as connected after this. */
    assumeConnectedMs: z.number().int().min(0).max(60_000).default(3000),
    /**
     * Base URL of the Switchboard relay that receives uContact's webhooks (§4.4 item 3), e.g.
     * https://relay.example.com (wss:// also accepted); empty: portal events only. The relay
     * token (issued for `ucontact:<agent>`) is typed at sign-in.
     */
    relayUrl: z
      .string()
      .trim()
      .refine(
        (s) => s === '' || /^(https?|wss?):\/\/[^\s/]+/i.test(s),
        'Enter a URL starting with https://',
      )
      .default(''),
  })
  .default({
    baseUrl: '',
    portalOrigin: '',
    agent: '',
    extension: '',
    campaign: '',
    context: 'from-internal',
    callerId: '',
    authScheme: 'basic',
    dialFormat: 'digits',
    assumeConnectedMs: 3000,
    relayUrl: '',
  });

/**
 * Anywhere365 CTI Broker (vendors/README.md §2): commands go to the broker, events come back
 * through the Switchboard relay (the broker only posts webhooks, §2.2). No secrets here: the relay
 * token and the optional broker Authorization header are typed at sign-in.
 */
export const Anywhere365Connection = z
  .object({
    /** Base URL of the CTI Broker, e.g. https://broker.example.com (`/api/command` lives under it). */
    brokerUrl: httpUrl.default(''),
    /** Base URL of the Switchboard relay, e.g. https://relay.example.com (wss:// also accepted). */
    relayUrl: z
      .string()
      .trim()
      .refine(
        (s) => s === '' || /^(https?|wss?):\/\/[^\s/]+/i.test(s),
        'Enter a URL starting with https://',
      )
      .default(''),
    /** The agent's SIP address; empty: the identity the relay token was issued for. */
    imAddress: z
      .string()
      .trim()
      .max(320)
      .refine(
        (s) => s === '' || /^(sip:)?[^\s@]+@[^\s@]+$/i.test(s),
        'A SIP address such as sip:alice@example.com',
      )
      .default(''),
    /**
     * The relay's webhook URL for Anywhere365, which the extension subscribes at the broker on
     * every connect. Empty: the admin subscribes the broker to the relay, the extension does not.
     */
    callbackUrl: httpUrl.default(''),
    // §2.5 [UNKNOWN]: the subscribe body's field names; the defaults are the README's assumption.
    subscribeImAddressKey: z.string().trim().min(1).max(100).default('ImAddress'),
    subscribeCallbackKey: z.string().trim().min(1).max(100).default('CallbackUrl'),
  })
  .default({
    brokerUrl: '',
    relayUrl: '',
    imAddress: '',
    callbackUrl: '',
    subscribeImAddressKey: 'ImAddress',
    subscribeCallbackKey: 'CallbackUrl',
  });

export const SitesMode = z.enum(['all', 'allow', 'block']);

export const ClickToDial = z
  .object({
    enabled: z.boolean().default(true),
    /** ISO 3166 alpha-2, used for numbers written without a country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Two capital letters, e.g. US')
      .default('US'),
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
    defaultCountry: 'US',
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

export const Ui = z
  .object({
    // Only the languages the interface is translated into; more join as translations land.
    language: z.enum(['en']).default('en'),
  })
  .default({ language: 'en' });

export const Settings = z.object({
  vendor: VendorId.default('xivo'),
  connection: z
    .object({
      xivo: XivoConnection,
      ccs: CcsConnection,
      maxcontact: MaxContactConnection,
      anywhere365: Anywhere365Connection,
      ucontact: UcontactConnection,
    })
    .default({
      xivo: XivoConnection.parse(undefined),
      ccs: CcsConnection.parse(undefined),
      maxcontact: MaxContactConnection.parse(undefined),
      anywhere365: Anywhere365Connection.parse(undefined),
      ucontact: UcontactConnection.parse(undefined),
    }),
  clickToDial: ClickToDial,
  screenPop: ScreenPop,
  dispositions: Dispositions,
  ui: Ui,
});
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

/** Top-level keys that policy may set. */
export const POLICY_KEYS = Object.keys(Settings.shape) as (keyof Settings)[];

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
