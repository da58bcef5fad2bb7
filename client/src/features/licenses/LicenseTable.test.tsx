// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";

import type { LicenseTable_LicenseFragment } from "../../gql/graphql";
import { LicenseTable } from "./LicenseTable";

function row(id: string, name: string, change: boolean): LicenseTable_LicenseFragment {
  return {
    id,
    name,
    status: "ACTIVE",
    expiresOn: null,
    seats: null,
    seatsUsed: 0,
    currency: null,
    archivedAt: null,
    product: { id: `P-${id}`, name: "Product" },
    vendor: { id: "V1", name: "Vendor" },
    tags: [],
    assignments: [],
    viewerCan: { change },
  };
}

afterEach(cleanup);

describe("LicenseTable", () => {
  it("offers for bulk tagging only the licenses the server says may be changed", () => {
    render(
      <MemoryRouter>
        <LicenseTable
          rows={[row("L1", "Granted", true), row("L2", "Seat only", false)]}
          sort="EXPIRY"
          dir="ASC"
          onSortChange={() => {}}
          selection={{}}
          onSelectionChange={() => {}}
          selectable
          showCost={false}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole("checkbox", { name: "Select Granted" })).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: "Select Seat only" })).toBeNull();
    expect(screen.getByRole("link", { name: "Seat only" })).toBeTruthy();
  });
});
