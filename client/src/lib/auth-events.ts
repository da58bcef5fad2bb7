/** A tiny channel from the Apollo link chain (outside React) to the session provider. */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onSessionExpired(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function sessionExpired(): void {
  for (const listener of listeners) listener();
}
