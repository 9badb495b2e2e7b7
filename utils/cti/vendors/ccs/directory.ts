/**
 * The directory (features.ts `directory`, VendorAdapter.searchDirectory): the tenant's extensions
 * (api-pages §4.8, by first and last name and number) and the ACDs with an extension (§4.6), which
 * `wait_transfer` takes as a target as it takes an extension (§4.25). The agent's own extension is
 * left out: nobody transfers to themselves.
 *
 * The extension list is read once and kept for a minute, so that searching as the agent types
 * costs one request, not one per key.
 */
import type { DirectoryEntry } from '../../features';
import type { Identity } from './identity';
import type { Acd, Extension } from './wire';

export const DIRECTORY_TTL_MS = 60_000;

export interface DirectoryDeps {
  readExtensions(): Promise<Extension[]>;
  /** The ACDs of the last resync. */
  acds(): readonly Acd[];
  me(): Identity | undefined;
  now(): number;
}

const folded = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export class CcsDirectory {
  private cached: { at: number; rows: Extension[] } | undefined;
  private reading: Promise<Extension[]> | undefined;

  constructor(private readonly deps: DirectoryDeps) {}

  /** Entries whose name or number holds every word of `term`; none for an empty term. */
  async search(term: string, limit: number): Promise<DirectoryEntry[]> {
    const words = folded(term).split(/\s+/).filter(Boolean);
    if (!words.length || limit <= 0) return [];
    const me = this.deps.me();
    const people = (await this.extensions())
      .filter((e) => e.extension && e.uuid !== me?.uuid && e.extension !== me?.number)
      .map(personEntry);
    const queues = this.deps.acds().flatMap((acd) => (acd.extension ? [queueEntry(acd)] : []));
    const matches = (entry: DirectoryEntry) => {
      const text = folded(`${entry.name} ${entry.numbers.map((n) => n.number).join(' ')}`);
      return words.every((word) => text.includes(word));
    };
    const byName = (a: DirectoryEntry, b: DirectoryEntry) => a.name.localeCompare(b.name);
    return [...people.filter(matches).sort(byName), ...queues.filter(matches).sort(byName)].slice(
      0,
      limit,
    );
  }

  /** The next search reads the list again (a resync: people may have come or gone). */
  forget(): void {
    this.cached = undefined;
  }

  private async extensions(): Promise<Extension[]> {
    const now = this.deps.now();
    if (this.cached && now - this.cached.at < DIRECTORY_TTL_MS) return this.cached.rows;
    // Searches typed while the list is on its way share the one request.
    this.reading ??= this.deps.readExtensions().finally(() => {
      this.reading = undefined;
    });
    const rows = await this.reading;
    this.cached = { at: now, rows };
    return rows;
  }
}

function personEntry(extension: Extension): DirectoryEntry {
  const number = extension.extension as string;
  const name = [extension.firstname, extension.lastname].filter(Boolean).join(' ');
  return {
    id: `extension:${extension.uuid}`,
    kind: name ? 'person' : 'extension',
    name: (name || number).slice(0, 200),
    numbers: [{ number: number.slice(0, 64), label: 'Extension' }],
  };
}

function queueEntry(acd: Acd): DirectoryEntry {
  const number = acd.extension as string;
  return {
    id: `acd:${acd.uuid}`,
    kind: 'queue',
    name: (acd.name ?? number).slice(0, 200),
    numbers: [{ number: number.slice(0, 64), label: 'Queue' }],
  };
}
