/**
 * Search-as-you-type over the directory (`panel/directory`): the vendor's directory and the
 * admin's speed dial, merged by the background. The term is sent once the agent pauses typing;
 * an answer to an older term never replaces a newer one. An empty term lists favourites and
 * speed dial at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DirectoryEntry } from '../utils/cti/features';
import type { PanelConnector } from '../utils/ui/connector';

/** How long the agent's pause in typing must be before the term is searched. */
export const DIRECTORY_DEBOUNCE_MS = 250;
/** The longest term the background takes (messaging.ts `panel/directory`). */
export const DIRECTORY_TERM_MAX = 100;

/** The background's answer: what it found, and why the vendor's part is missing, if it is. */
interface Found {
  entries: DirectoryEntry[];
  error?: string;
}

export interface DirectoryResults {
  entries: DirectoryEntry[];
  /** The vendor's directory could not be searched (the speed dial part is still there). */
  error?: string;
  /** A search is waiting or under way. */
  searching: boolean;
  /** The trimmed term the entries answer, undefined before the first answer. */
  term?: string;
  /** Search the same term again (after a favourite changed). */
  refresh(): void;
}

/** `listEmpty`: an empty term lists favourites and speed dial; false: it finds nothing. */
export function useDirectorySearch(
  connector: PanelConnector,
  term: string,
  listEmpty = true,
): DirectoryResults {
  const wanted = term.trim().slice(0, DIRECTORY_TERM_MAX);
  const [found, setFound] = useState<Found & { term?: string }>({ entries: [] });
  const [searching, setSearching] = useState(Boolean(wanted) || listEmpty);
  const [round, setRound] = useState(0);
  // The search whose answer counts; every newer search (and unmounting) moves it on.
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    if (!wanted && !listEmpty) {
      setFound({ entries: [], term: wanted });
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(
      async () => {
        let answer: Found;
        try {
          const reply = await connector.send<Found>({ type: 'panel/directory', term: wanted });
          answer = reply.ok
            ? (reply.value ?? { entries: [] })
            : { entries: [], error: reply.error };
        } catch (error) {
          answer = { entries: [], error: error instanceof Error ? error.message : String(error) };
        }
        if (id !== latest.current) return;
        setFound({ entries: answer.entries ?? [], error: answer.error, term: wanted });
        setSearching(false);
      },
      wanted ? DIRECTORY_DEBOUNCE_MS : 0,
    );
    return () => {
      clearTimeout(timer);
      latest.current++;
    };
  }, [connector, wanted, round, listEmpty]);

  return { ...found, searching, refresh: () => setRound((n) => n + 1) };
}
