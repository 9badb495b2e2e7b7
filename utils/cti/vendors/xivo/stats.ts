/**
 * The agent's own figures (features.ts AgentStat) from `subscribeToAgentStats`: AgentStatistics
 * frames, the whole set on subscribe and then updates (api-pages "Agent Statistics"). The page
 * names five figures; any other is shown under a label made from its name.
 */
import type { AgentStat } from '../../features';
import type { AgentStatisticsPayload } from './wire-features';

/** The figures the page names, with the words the panel shows. */
const KNOWN: Readonly<Record<string, Pick<AgentStat, 'label' | 'unit'>>> = {
  AgentReadyTotalTime: { label: 'Time ready', unit: 'seconds' },
  AgentPausedTotalTime: { label: 'Time paused', unit: 'seconds' },
  AgentWrapupTotalTime: { label: 'Time in wrap-up', unit: 'seconds' },
  LoginDateTime: { label: 'Logged in at', unit: 'time' },
  LogoutDateTime: { label: 'Last logged out at', unit: 'time' },
};

/** "AgentInboundTotalCalls" → "Inbound total calls". */
export function labelOf(name: string): string {
  const words = name
    .replace(/^Agent(?=[A-Z])/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return (words.charAt(0).toUpperCase() + words.slice(1)).slice(0, 100) || name.slice(0, 100);
}

/** One figure as the model has it; undefined for a value that is no number or date. */
export function agentStatOf(name: string, value: number | string | null): AgentStat | undefined {
  const known = Object.hasOwn(KNOWN, name) ? KNOWN[name] : undefined;
  if (typeof value === 'string') {
    const at = Date.parse(value);
    return Number.isFinite(at)
      ? { name, label: known?.label ?? labelOf(name), value: at, unit: 'time' }
      : undefined;
  }
  if (value === null || !Number.isFinite(value)) return undefined;
  const unit =
    known?.unit ?? (/Percent/i.test(name) ? 'percent' : /Time$/.test(name) ? 'seconds' : 'count');
  return { name, label: known?.label ?? labelOf(name), value, unit };
}

/** Keeps the agent's latest figures: updates may carry only the figures that changed. */
export class AgentStatsBook {
  private readonly figures = new Map<string, AgentStat>();

  /** The whole set after `payload`, or undefined when it was not about `agentId`. */
  apply(payload: AgentStatisticsPayload, agentId: number | undefined): AgentStat[] | undefined {
    // Supervisors receive every agent's figures (api-pages "Security considerations").
    if (agentId === undefined || payload.id !== agentId) return undefined;
    for (const { name, value } of payload.statistics) {
      const stat = agentStatOf(name, value);
      if (stat) this.figures.set(name, stat);
    }
    return [...this.figures.values()].slice(0, 50);
  }
}
