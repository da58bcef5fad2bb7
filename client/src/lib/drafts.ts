/** Unsaved form input kept across a sign-in: when the session ends while a form is open, its
 * values go to sessionStorage (this tab only, gone when the tab closes), and the form offers
 * them again when the person comes back signed in. Secrets are never written. */
import { useEffect, useState } from "react";

import { onSessionExpired } from "./auth-events";

const PREFIX = "licman-draft:";

export interface Draft<T> {
  /** The object's version when the draft was taken (edits), to warn if it changed since. */
  version: number | null;
  values: T;
  savedAt: string;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage blocked
  }
}

export function saveDraft<T>(key: string, draft: Draft<T>): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // full or blocked: nothing to keep
  }
}

export function readDraft<T>(key: string): Draft<T> | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Draft<T>;
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

/** Keeps a form's values when the session ends; returns the draft found when it opened (if any)
 * and a function to forget it (after saving, or when the person discards it). `omit`: fields
 * never written (secrets). */
export function useFormDraft<T extends object>(
  key: string,
  version: number | null,
  getValues: () => T,
  omit: readonly (keyof T)[] = [],
): { restored: Draft<T> | null; forget: () => void } {
  const [restored, setRestored] = useState(() => readDraft<T>(key));
  useEffect(
    () =>
      onSessionExpired(() => {
        const values = { ...getValues() };
        for (const field of omit) delete values[field];
        saveDraft(key, { version, values, savedAt: new Date().toISOString() });
      }),
    // `omit` is a constant list at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, version, getValues],
  );
  return {
    restored,
    forget: () => {
      clearDraft(key);
      setRestored(null);
    },
  };
}
