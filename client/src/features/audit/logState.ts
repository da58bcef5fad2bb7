/** Shared pieces of the two log screens: filters in the URL, a cursor stack, dates. */
import { useState } from "react";
import { useSearchParams } from "react-router";

/** The filter values named in `keys`, read from and written to the URL (empty: left out). */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const setValues = (next: Record<K, string>) => {
    const out = new URLSearchParams();
    for (const k of keys) if (next[k].trim()) out.set(k, next[k].trim());
    setParams(out);
  };
  return [values, setValues] as const;
}

/** Older pages by cursor; going back to newer ones pops the stack. */
export function useCursorStack(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  return {
    after: stack.at(-1) ?? null,
    page: stack.length + 1,
    older: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    newer: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

/** A day (yyyy-mm-dd) as the start of that local day, in ISO; `endOfDay` gives the next day's start. */
export function dayToIso(day: string, endOfDay = false): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00`);
  if (endOfDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** The database id inside a Relay global id ("License:42" in base64), or the id itself. */
export function databaseId(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(":");
    return colon > 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}
