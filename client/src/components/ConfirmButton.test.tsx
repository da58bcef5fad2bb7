// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ConfirmButton } from "./ConfirmButton";

afterEach(cleanup);

function renderButton(onConfirm: () => Promise<unknown>) {
  render(
    <ConfirmButton
      label="Revoke CI token"
      title="Revoke API token"
      description="Programs using “CI token” stop working at once."
      confirm="Revoke token"
      onConfirm={onConfirm}
    >
      Revoke
    </ConfirmButton>,
  );
}

describe("ConfirmButton", () => {
  it("asks before it acts, then runs the action once and closes", async () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    renderButton(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Revoke CI token" }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Revoke API token" }).textContent).toContain("stop working at once");
    await userEvent.click(screen.getByRole("button", { name: "Revoke token" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("does nothing when cancelled", async () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    renderButton(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Revoke CI token" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
