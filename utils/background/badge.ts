/**
 * The toolbar badge: the agent sees a ringing call, a call in progress or a broken connection
 * without opening the popup.
 */
import { browser } from 'wxt/browser';
import type { StoreState } from '../cti/store';
import { t } from '../i18n/runtime';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

/** The badge's colours: red wants the agent now, amber is waiting, green is all well. */
const COLOR = { red: '#c5221f', green: '#188038', amber: '#b06000' } as const;

export function badgeFor(state: Pick<StoreState, 'connection' | 'calls'>): Badge {
  const live = state.calls.filter((c) => c.state !== 'ended');
  const ringing = live.find((c) => c.state === 'ringing' && c.direction === 'inbound');
  if (ringing) {
    const who = ringing.remote.name ?? ringing.remote.e164 ?? ringing.remote.raw;
    return { text: 'RING', color: COLOR.red, title: t('badge.ringing', { who }) };
  }
  if (live.some((c) => c.state === 'held') && !live.some((c) => c.state === 'connected')) {
    return { text: 'HOLD', color: COLOR.amber, title: t('badge.held') };
  }
  if (live.length > 0) return { text: 'CALL', color: COLOR.green, title: t('badge.onCall') };
  if (state.connection.status === 'failed') {
    return {
      text: '!',
      color: COLOR.red,
      title: t('badge.failed', { reason: state.connection.reason }),
    };
  }
  if (state.connection.status === 'reconnecting') {
    return { text: '…', color: COLOR.amber, title: t('badge.reconnecting') };
  }
  return { text: '', color: COLOR.green, title: t('badge.idle') };
}

/** `browserAction` on Firefox MV2, `action` elsewhere. */
export async function showBadge(badge: Badge): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
  ]);
}
