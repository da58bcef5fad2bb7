#!/usr/bin/env node
// Audits a running Licman server against the GraphQL-over-HTTP spec with graphql-http's
// auditServer, prints every audit as JSON and exits 1 if any MUST (error) or SHOULD (warn)
// failed; MAYs that are not met are notices and do not fail. tests/web/test_graphql_http_audit.py
// runs it against a real server in development and production modes.
//   node scripts/audit-graphql-http.mjs http://127.0.0.1:8000/graphql
// LICMAN_AUDIT_TOKEN, when set, is sent as a bearer token on every request: production closes
// introspection (which some audits use) to anonymous callers.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/audit-graphql-http.mjs <graphql url>");
  process.exit(2);
}
const token = process.env["LICMAN_AUDIT_TOKEN"];

/** @type {typeof fetch} */
const fetchWithToken = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn: fetchWithToken });
const report = results.map((result) => ({
  id: result.id,
  name: result.name,
  status: result.status,
  ...(result.status === "ok" ? {} : { reason: result.reason }),
}));
console.log(JSON.stringify(report, null, 2));
const failed = results.filter((result) => result.status === "warn" || result.status === "error");
process.exit(failed.length > 0 ? 1 : 0);
