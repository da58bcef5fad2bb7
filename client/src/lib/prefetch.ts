/** A screen's query started before the screen renders (src/main.tsx, for a page that came with
 * its session), and the fetch policy the screen then starts with: "cache-first", so it takes
 * the answer in flight or just written to the cache instead of asking a second time; after
 * that (other variables, later visits) its usual "cache-and-network". */
import type { WatchQueryFetchPolicy } from "@apollo/client";
import { useState } from "react";

const started = new Set<unknown>();

/** `run` sends `query` (client.query with the screen's own variables). */
export function prefetchQuery(query: unknown, run: () => Promise<unknown>) {
  started.add(query);
  run().catch(() => {}); // a failure is the screen's to report, from its own query
}

const usual: WatchQueryFetchPolicy = "cache-and-network";

/** Fetch policies for the screen's useQuery: the prefetched answer once, then as usual. */
export function usePrefetchedPolicy(query: unknown) {
  const [first] = useState<WatchQueryFetchPolicy>(() => (started.delete(query) ? "cache-first" : usual));
  return { fetchPolicy: first, nextFetchPolicy: () => usual };
}
