/**
 * What the CCS adapter needs from the settings (`connection.ccs`, vendors/README.md §5), and the
 * addresses derived from the domain.
 */
import { joinPath, parseBaseUrl } from '../shared/base-url';
import type { DialFormat } from '../../../phone/format';
import type { VendorSettings } from '../../vendor';
import type { RouteFamily } from './routes';
import type { CcsConnection, WaitingHangup } from './settings';
import { API_PATH, PIN_LOGIN_PATH, SOCK_PATH } from './wire';

/** The WebSocket event catalogue is not public (§5.5): every name comes from the settings. */
export interface CcsEventNames {
  typeKey: string;
  /** '' = the payload is the frame itself. */
  payloadKey: string;
  callRinging: string;
  callDialing: string;
  callAnswered: string;
  callEnded: string;
  agentState: string;
  /** Inbound queue events (figures of the tenant's queues); empty: none. */
  queueStats: readonly string[];
  subscribe: readonly string[];
}

export interface CcsConfig {
  domain: string;
  tenantId: string;
  extensionId: string;
  outboundQueueId: string;
  dialFormat: DialFormat;
  dialPrefix: string;
  tenantUrl: string;
  /** Which of the API page's route families the agent's token uses (routes.ts). */
  routes: RouteFamily;
  /** The request that hangs up a queue call still ringing (api-pages §4.27 `wait_kill`). */
  waitingHangup: WaitingHangup;
  defaultCountry: string | undefined;
  events: CcsEventNames;
}

export function configFromSettings(settings: VendorSettings<'ccs', CcsConnection>): CcsConfig {
  const c = settings.connection.ccs;
  return {
    domain: c.domain,
    tenantId: c.tenantId,
    extensionId: c.extensionId,
    outboundQueueId: c.outboundQueueId,
    dialFormat: c.dialFormat,
    dialPrefix: c.dialPrefix,
    tenantUrl: c.tenantUrl,
    routes: c.apiRoutes,
    waitingHangup: c.waitingCallHangup,
    defaultCountry: settings.clickToDial.defaultCountry,
    events: {
      typeKey: c.eventTypeKey,
      payloadKey: c.eventPayloadKey,
      callRinging: c.eventCallRinging,
      callDialing: c.eventCallDialing,
      callAnswered: c.eventCallAnswered,
      callEnded: c.eventCallEnded,
      agentState: c.eventAgentState,
      queueStats: c.eventQueueStats,
      subscribe: c.eventSubscribe,
    },
  };
}

/**
 * The domain setting as a base URL without a trailing slash; CtiError('config') when unusable.
 * Admins may paste the API or socket address from the API page (§2): those suffixes are dropped.
 */
export function domainBase(domain: string): URL {
  const url = parseBaseUrl(domain, 'Windstream CCS domain');
  url.pathname = url.pathname.replace(/\/6\/v2(\/api|\/sock)?$/, '');
  return url;
}

/** `https://<CCS_DOMAIN>/6/v2/api` + `path` (which starts with "/" and may end in a query). */
export function apiUrl(base: URL, path: string): string {
  const at = path.indexOf('?');
  const url = joinPath(base, `${API_PATH}${at < 0 ? path : path.slice(0, at)}`);
  if (at >= 0) url.search = path.slice(at);
  return url.href;
}

export const pinLoginUrl = (base: URL): string => joinPath(base, PIN_LOGIN_PATH).href;

/** `wss://<CCS_DOMAIN>/6/v2/sock`, `ws://` for an http domain. */
export function socketUrl(base: URL): string {
  const url = joinPath(base, SOCK_PATH);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The prefix the PIN login's cookie header rule covers: the whole /6 API and socket. */
export const cookiePrefix = (base: URL): string => joinPath(base, '/6/').href;
