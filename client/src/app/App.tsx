/** The routes. Screens that pull in heavy libraries (charts) load on first visit. */
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Link, RouterProvider, useRouteError } from "react-router";

import { Alert, PageHeader, Spinner } from "../components/ui";
import { RequireAuth } from "../features/auth/RequireAuth";
import { SignInPage } from "../features/auth/SignInPage";

// The frame (navigation, menus: Radix) loads after sign-in, so the sign-in page needs only
// React, the router, Apollo and its own form.
const loadLayout = () => import("../components/Layout");
const loadDashboard = () => import("../features/dashboard/DashboardPage");
const loadLicenses = () => import("../features/licenses/LicensesPage");
const Layout = lazy(() => loadLayout().then((m) => ({ default: m.Layout })));
const DashboardPage = lazy(loadDashboard);
const LicensesPage = lazy(loadLicenses);

/** For a page opened signed in (the session came with it): the frame's and the screen's code
 * start loading together, not the screen's only once the frame's has run. */
export function preloadScreen(pathname: string) {
  void loadLayout();
  if (pathname === "/") void loadDashboard();
  else if (pathname === "/licenses") void loadLicenses();
}
const LicenseDetailPage = lazy(() => import("../features/license/LicenseDetailPage"));
const LicenseFormPage = lazy(() => import("../features/license/LicenseFormPage"));
const AccountPage = lazy(() => import("../features/account/AccountPage"));
const UsersPage = lazy(() => import("../features/admin/UsersPage"));
const TeamsPage = lazy(() => import("../features/admin/TeamsPage"));
const OAuthClientsPage = lazy(() => import("../features/admin/OAuthClientsPage"));
const VendorsPage = lazy(() => import("../features/catalog/VendorsPage"));
const VendorPage = lazy(() => import("../features/catalog/VendorPage"));
const TagsPage = lazy(() => import("../features/catalog/TagsPage"));
const AuditPage = lazy(() => import("../features/audit/AuditPage"));
const ApiRequestsPage = lazy(() => import("../features/audit/ApiRequestsPage"));
const ExplorerPage = lazy(() => import("../features/explorer/ExplorerPage"));
const MyLicensesPage = lazy(() => import("../features/mine/MyLicensesPage"));
const SeatsPage = lazy(() => import("../features/seats/SeatsPage"));
const ImportPage = lazy(() => import("../features/import/ImportPage"));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner />}>{children}</Suspense>;
}

function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p className="text-sm">
        There is nothing at this address.{" "}
        <Link className="text-indigo-600 underline dark:text-indigo-400" to="/">
          Go to the dashboard
        </Link>
        .
      </p>
    </>
  );
}

function RouteError() {
  const error = useRouteError();
  return (
    <div className="p-6">
      <Alert title="This screen failed to load">
        {error instanceof Error ? error.message : "Unexpected error."} Reload the page to try again.
      </Alert>
    </div>
  );
}

const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <Suspense fallback={<Spinner />}>
          <Layout />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        element: (
          <Page>
            <DashboardPage />
          </Page>
        ),
      },
      {
        path: "mine",
        element: (
          <Page>
            <MyLicensesPage />
          </Page>
        ),
      },
      {
        path: "licenses",
        element: (
          <Page>
            <LicensesPage />
          </Page>
        ),
      },
      {
        path: "seats",
        element: (
          <Page>
            <SeatsPage />
          </Page>
        ),
      },
      {
        path: "licenses/new",
        element: (
          <Page>
            <LicenseFormPage />
          </Page>
        ),
      },
      {
        path: "licenses/:id",
        element: (
          <Page>
            <LicenseDetailPage />
          </Page>
        ),
      },
      {
        path: "licenses/:id/edit",
        element: (
          <Page>
            <LicenseFormPage />
          </Page>
        ),
      },
      {
        path: "account",
        element: (
          <Page>
            <AccountPage />
          </Page>
        ),
      },
      {
        path: "vendors",
        element: (
          <Page>
            <VendorsPage />
          </Page>
        ),
      },
      {
        path: "vendors/:id",
        element: (
          <Page>
            <VendorPage />
          </Page>
        ),
      },
      {
        path: "tags",
        element: (
          <Page>
            <TagsPage />
          </Page>
        ),
      },
      {
        path: "admin/users",
        element: (
          <Page>
            <UsersPage />
          </Page>
        ),
      },
      {
        path: "admin/teams",
        element: (
          <Page>
            <TeamsPage />
          </Page>
        ),
      },
      {
        path: "admin/oauth-clients",
        element: (
          <Page>
            <OAuthClientsPage />
          </Page>
        ),
      },
      {
        path: "audit",
        element: (
          <Page>
            <AuditPage />
          </Page>
        ),
      },
      {
        path: "audit/requests",
        element: (
          <Page>
            <ApiRequestsPage />
          </Page>
        ),
      },
      {
        path: "explorer",
        element: (
          <Page>
            <ExplorerPage />
          </Page>
        ),
      },
      {
        path: "import",
        element: (
          <Page>
            <ImportPage />
          </Page>
        ),
      },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
