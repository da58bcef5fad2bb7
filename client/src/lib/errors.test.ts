import { CombinedGraphQLErrors, ServerError } from "@apollo/client";
import { describe, expect, it } from "vitest";

import { describeError, errorCodes, payloadErrorCodes, splitUserErrors, userErrorMessage } from "./errors";

describe("reading Licman's errors", () => {
  it("finds extension codes in GraphQL errors", () => {
    const error = new CombinedGraphQLErrors({
      data: { me: null },
      errors: [{ message: "sign in first", extensions: { code: "UNAUTHENTICATED" } }],
    });
    expect(errorCodes(error)).toEqual(["UNAUTHENTICATED"]);
    expect(describeError(error)).toMatch(/session has ended/);
  });

  it("treats an HTTP 401 (a bad bearer token or a dead session) as UNAUTHENTICATED", () => {
    const body = JSON.stringify({ errors: [{ message: "token expired", extensions: { code: "UNAUTHENTICATED" } }] });
    const error = new ServerError("401", { response: new Response(body, { status: 401 }), bodyText: body });
    expect(errorCodes(error)).toEqual(["UNAUTHENTICATED"]);
  });

  it("puts payload errors beside the fields the form shows, the rest above it", () => {
    const { byField, general } = splitUserErrors(
      [
        { field: "currency", code: "INVALID", message: "not a currency" },
        { field: "version", code: "CONFLICT", message: "changed" },
        { field: null, code: "FORBIDDEN", message: "no" },
      ],
      ["currency", "cost"] as const,
    );
    expect(byField).toEqual({ currency: "not a currency" });
    expect(general.map((e) => e.code)).toEqual(["CONFLICT", "FORBIDDEN"]);
    expect(userErrorMessage(general[0]!)).toMatch(/Someone else changed/);
  });

  it("reads the codes of mutation payload errors (an ended session answered in a payload)", () => {
    const data = { licenseUpdate: { license: null, errors: [{ field: null, code: "UNAUTHENTICATED", message: "x" }] } };
    expect(payloadErrorCodes(data)).toEqual(["UNAUTHENTICATED"]);
    expect(payloadErrorCodes({ me: { id: "1" } })).toEqual([]);
    expect(payloadErrorCodes(null)).toEqual([]);
  });
});
