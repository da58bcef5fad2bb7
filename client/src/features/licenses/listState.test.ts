import { describe, expect, it } from "vitest";

import {
  DEFAULT_STATE,
  changeListState,
  listFilter,
  listSearchParams,
  listVariables,
  parseListState,
} from "./listState";

describe("licenses list state in the URL", () => {
  it("reads filters, sort and cursor from the query string", () => {
    const state = parseListState(
      new URLSearchParams(
        "q=adobe&vendor=V1&vendor=V2&status=active&status=bogus&expiring=30&sort=vendor&dir=desc&after=c1&size=50",
      ),
    );
    expect(state).toMatchObject({
      q: "adobe",
      vendor: ["V1", "V2"],
      status: ["ACTIVE"],
      expiring: 30,
      sort: "VENDOR",
      dir: "DESC",
      after: "c1",
      size: 50,
    });
  });

  it("filters by product: who holds product X", () => {
    const state = parseListState(new URLSearchParams("product=P1&show=all"));
    expect(state.product).toEqual(["P1"]);
    expect(listFilter(state)).toEqual({ archived: false, productIds: ["P1"] });
    expect(listSearchParams(state).toString()).toBe("product=P1&show=all");
  });

  it("ignores values it does not know and falls back to defaults", () => {
    expect(parseListState(new URLSearchParams("sort=price&size=7&expiring=-3"))).toEqual(DEFAULT_STATE);
  });

  it("round-trips through the URL, leaving defaults out", () => {
    const state = { ...DEFAULT_STATE, q: "x", tag: ["T1"], expired: true, dir: "DESC" as const };
    const params = listSearchParams(state);
    expect(params.toString()).toBe("q=x&tag=T1&expired=1&dir=desc");
    expect(parseListState(params)).toEqual(state);
    expect(listSearchParams(DEFAULT_STATE).toString()).toBe("");
  });

  it("goes back to the first page when a filter changes, but not when paging", () => {
    const onPage2 = { ...DEFAULT_STATE, after: "c9" };
    expect(changeListState(onPage2, { q: "new" }).after).toBeNull();
    expect(changeListState(DEFAULT_STATE, { after: "c9" }).after).toBe("c9");
  });

  it("turns state into the licenses query's variables", () => {
    const vars = listVariables({ ...DEFAULT_STATE, vendor: ["V1"], assignee: "U1", before: "c2", size: 50 });
    expect(vars).toEqual({
      last: 50,
      before: "c2",
      first: null,
      after: null,
      search: null,
      filter: { archived: false, vendorIds: ["V1"], assigneeId: "U1", statuses: ["ACTIVE", "TRIAL", "SUSPENDED"] },
      orderBy: { field: "EXPIRY", direction: "ASC" },
    });
  });

  it("opens on live licenses; show=all, a status or expired=1 widen or replace that", () => {
    expect(listFilter(DEFAULT_STATE).statuses).toEqual(["ACTIVE", "TRIAL", "SUSPENDED"]);
    const all = parseListState(new URLSearchParams("show=all"));
    expect(all.all).toBe(true);
    expect(listFilter(all).statuses).toBeUndefined();
    expect(listSearchParams(all).toString()).toBe("show=all");
    expect(listFilter({ ...DEFAULT_STATE, status: ["CANCELLED"] }).statuses).toEqual(["CANCELLED"]);
    expect(listFilter({ ...DEFAULT_STATE, expired: true })).toEqual({ archived: false, expired: true });
  });
});
