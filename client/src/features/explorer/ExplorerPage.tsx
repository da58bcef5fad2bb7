/** The GraphQL explorer: GraphiQL 4 (CodeMirror 5), bundled in its own chunk, so it needs no
 * CDN and runs under the server's CSP. Requests go to /graphql as the signed-in user. */
import { GraphiQL } from "graphiql";
import type { ExecutionResult } from "graphql";
import "graphiql/style.css";

import { useDocumentTitle } from "../../components/ui";
import { csrfToken } from "../../lib/cookies";

type FetcherParams = { query: string; operationName?: string | null; variables?: unknown };

export async function explorerFetcher(params: FetcherParams): Promise<ExecutionResult> {
  const token = csrfToken();
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(token ? { "X-CSRF-Token": token } : {}),
    },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
}

const DEFAULT_QUERY = `# Queries run as you, with your role's permissions.
{
  me {
    email
  }
}
`;

export default function ExplorerPage() {
  useDocumentTitle("GraphQL explorer");
  return (
    <div className="graphiql-host h-[calc(100vh-8rem)] min-h-[480px] overflow-hidden rounded border border-slate-200 dark:border-slate-800">
      <GraphiQL fetcher={explorerFetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
    </div>
  );
}
