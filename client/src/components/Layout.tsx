/** The frame around every signed-in screen: a sidebar on wide screens, a menu drawer on phones,
 * the account menu (theme, sign out), and a skip link for keyboard users. */
import { Dialog, DropdownMenu } from "radix-ui";
import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";

import { useCurrentUser, useSession, type Abilities } from "../features/auth/session";
import { labelTableCells } from "../lib/stackTables";
import { applyTheme, readTheme, type ThemeChoice } from "../lib/theme";
import { titleCase } from "./ui";

/** `needs`: the `viewerCan` answer that must be true for the screen to be offered. */
const NAV: { to: string; label: string; end: boolean; needs?: keyof Abilities; forApiUsers?: boolean }[] = [
  { to: "/", label: "Dashboard", end: true },
  { to: "/mine", label: "My licenses", end: false },
  { to: "/licenses", label: "Licenses", end: false },
  { to: "/seats", label: "Seats", end: false },
  { to: "/vendors", label: "Vendors", end: false },
  { to: "/tags", label: "Tags", end: false },
  { to: "/import", label: "Import", end: false },
  { to: "/admin/users", label: "Users", end: false, needs: "viewUsers" },
  { to: "/admin/teams", label: "Teams", end: false, needs: "viewUsers" },
  { to: "/admin/oauth-clients", label: "OAuth clients", end: false, needs: "manageUsers" },
  { to: "/audit", label: "Audit log", end: true, needs: "viewAudit" },
  { to: "/audit/requests", label: "API requests", end: false, needs: "viewAudit" },
  { to: "/explorer", label: "GraphQL explorer", end: false, forApiUsers: true },
];

function navClass({ isActive }: { isActive: boolean }) {
  return `block rounded-md px-3 py-2 text-sm font-medium ${
    isActive
      ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-200"
      : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
  }`;
}

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const user = useCurrentUser();
  const can = user.can;
  return (
    <ul className="space-y-1">
      {NAV.filter((item) => (!item.needs || can[item.needs] === true) && (!item.forApiUsers || user.usesApi)).map(
        (item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className={navClass} onClick={onNavigate}>
              {item.label}
            </NavLink>
          </li>
        ),
      )}
    </ul>
  );
}

function Brand() {
  return (
    <NavLink to="/" className="flex items-center gap-2 font-semibold tracking-tight">
      <img src="/favicon.svg" alt="" className="size-6" />
      Licman
    </NavLink>
  );
}

function AccountMenu() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [theme, setTheme] = useState<ThemeChoice>(readTheme);
  const itemClass =
    "flex cursor-default items-center rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex max-w-56 items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
        <span
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white"
          aria-hidden
        >
          {(user.name || user.email || "?").charAt(0).toUpperCase()}
        </span>
        {/* The name read out is the words shown ("Account menu for" only for screen readers). */}
        <span className="sr-only">Account menu for </span>
        <span className="sr-only truncate sm:not-sr-only">{user.name || user.email || "you"}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">
            <span className="block truncate font-medium text-slate-800 dark:text-slate-100">{user.email}</span>
            {titleCase(user.role)}
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item className={itemClass} onSelect={() => void navigate("/account")}>
            My account
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Label className="px-2 pt-1 text-xs text-slate-500 dark:text-slate-400">
            Theme
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={theme}
            onValueChange={(value) => {
              const choice = value as ThemeChoice;
              setTheme(choice);
              applyTheme(choice);
            }}
          >
            {(["light", "dark", "system"] as const).map((choice) => (
              <DropdownMenu.RadioItem key={choice} value={choice} className={`${itemClass} pl-6 relative`}>
                <DropdownMenu.ItemIndicator className="absolute left-2">•</DropdownMenu.ItemIndicator>
                {titleCase(choice)}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item className={itemClass} onSelect={() => void signOut()}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

export function Layout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => (mainRef.current ? labelTableCells(mainRef.current) : undefined), []);
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/90 px-3 backdrop-blur sm:px-4 dark:border-slate-800 dark:bg-slate-900/90">
        <Dialog.Root open={menuOpen} onOpenChange={setMenuOpen}>
          <Dialog.Trigger
            className="rounded-md p-2 hover:bg-slate-100 md:hidden dark:hover:bg-slate-800"
            aria-label="Open navigation"
          >
            <svg viewBox="0 0 20 20" className="size-5" aria-hidden fill="currentColor">
              <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
            </svg>
          </Dialog.Trigger>
          <Dialog.Portal>
            <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40 md:hidden" />
            <Dialog.Content
              className="fixed inset-y-0 left-0 z-50 w-64 bg-white p-4 shadow-xl md:hidden dark:bg-slate-900"
              aria-describedby={undefined}
            >
              <Dialog.Title className="mb-4">
                <Brand />
              </Dialog.Title>
              <nav aria-label="Main">
                <NavLinks onNavigate={() => setMenuOpen(false)} />
              </nav>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
        <Brand />
        <div className="ml-auto">
          <AccountMenu />
        </div>
      </header>
      <div className="mx-auto flex max-w-screen-2xl">
        <nav
          aria-label="Main"
          className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-52 shrink-0 border-r border-slate-200 p-3 md:block dark:border-slate-800"
        >
          <NavLinks />
        </nav>
        <main ref={mainRef} id="main" tabIndex={-1} className="min-w-0 flex-1 p-3 outline-none sm:p-6">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
