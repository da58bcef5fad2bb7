// @vitest-environment happy-dom
import { MockedProvider } from "@apollo/client/testing/react";
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";

import type { VendorCard_VendorFragment } from "../../gql/graphql";
import { VendorCard } from "./VendorCard";

function vendor(change: boolean, manageGrants: boolean): VendorCard_VendorFragment {
  return {
    id: "V1",
    name: "Adobe",
    website: null,
    notes: "",
    version: 1,
    archivedAt: null,
    licenseCount: 2,
    viewerCan: { change, delete: change, manageGrants },
    products: [{ id: "P1", name: "Photoshop", notes: "", version: 1, archivedAt: null, licenseCount: 2 }],
  };
}

const noop = () => {};
const handlers = {
  busy: false,
  onEdit: noop,
  onArchive: noop,
  onAddProduct: noop,
  onEditProduct: noop,
  onArchiveProduct: noop,
};

afterEach(cleanup);

describe("VendorCard", () => {
  it("shows only what the vendor's viewerCan allows", () => {
    render(
      <MemoryRouter>
        <MockedProvider mocks={[]}>
          <VendorCard vendor={vendor(false, false)} {...handlers} />
        </MockedProvider>
      </MemoryRouter>,
    );
    expect(screen.getByText("Photoshop", { exact: false })).toBeTruthy();
    for (const name of ["Edit Adobe", "Archive Adobe", "Edit Photoshop", "Add product", "Show grants on Adobe"]) {
      expect(screen.queryByRole("button", { name })).toBeNull();
    }
  });

  it("offers editing to who may change it, and grants to who may manage them", () => {
    render(
      <MemoryRouter>
        <MockedProvider mocks={[]}>
          <VendorCard vendor={vendor(true, false)} {...handlers} />
        </MockedProvider>
      </MemoryRouter>,
    );
    for (const name of ["Edit Adobe", "Archive Adobe", "Edit Photoshop", "Add product"]) {
      expect(screen.getByRole("button", { name })).toBeTruthy();
    }
    expect(screen.queryByRole("button", { name: "Show grants on Adobe" })).toBeNull();
    cleanup();
    render(
      <MemoryRouter>
        <MockedProvider mocks={[]}>
          <VendorCard vendor={vendor(false, true)} {...handlers} />
        </MockedProvider>
      </MemoryRouter>,
    );
    expect(screen.getByRole("button", { name: "Show grants on Adobe" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit Adobe" })).toBeNull();
  });
});
