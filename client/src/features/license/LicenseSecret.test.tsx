// @vitest-environment happy-dom
import { MockedProvider } from "@apollo/client/testing/react";
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";

import { LicenseSecret, LicenseSecretRevealQuery } from "./LicenseSecret";

// The component's own reveal query, as the server would answer it.
const mocks = [
  {
    request: { query: LicenseSecretRevealQuery, variables: { id: "L1" } },
    result: { data: { license: { __typename: "License", id: "L1", secret: "s3cr3t-value" } } },
  },
];

afterEach(cleanup);

describe("LicenseSecret", () => {
  it("keeps the secret masked until Reveal, and says the reveal is recorded", async () => {
    render(
      <MockedProvider mocks={mocks}>
        <LicenseSecret license={{ id: "L1", hasSecret: true, canRevealSecret: true }} />
      </MockedProvider>,
    );
    expect(screen.getByTestId("license-secret").textContent).not.toContain("s3cr3t");
    expect(screen.getByText(/recorded in the audit log/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Reveal" }));
    expect(await screen.findByText("s3cr3t-value")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Hide" }));
    expect(screen.queryByText("s3cr3t-value")).toBeNull();
  });

  it("offers no Reveal or Copy without the permission", () => {
    render(
      <MockedProvider mocks={[]}>
        <LicenseSecret license={{ id: "L1", hasSecret: true, canRevealSecret: false }} />
      </MockedProvider>,
    );
    expect(screen.queryByRole("button", { name: "Reveal" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Copy" })).toBeNull();
    expect(screen.getByText("You may not reveal this secret.")).toBeTruthy();
  });
});
