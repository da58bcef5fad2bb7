/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  query DashboardPage($year: Int) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard\n      ...SpendCharts_dashboard\n    }\n  }\n": typeof types.DashboardPageDocument,
    "\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n": typeof types.ExpiringSoon_DashboardFragmentDoc,
    "\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n": typeof types.SeatUsage_DashboardFragmentDoc,
    "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n    }\n  }\n": typeof types.SpendCharts_DashboardFragmentDoc,
    "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n": typeof types.StatusCounts_DashboardFragmentDoc,
    "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n  }\n": typeof types.LicenseActions_LicenseFragmentDoc,
    "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n    }\n    ...LicenseSeats_query\n  }\n": typeof types.LicenseDetailPageDocument,
    "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": typeof types.LicenseFields_LicenseFragmentDoc,
    "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n  }\n": typeof types.LicenseForm_LicenseFragmentDoc,
    "\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.LicenseForm_QueryFragmentDoc,
    "\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n": typeof types.LicenseFormPageDocument,
    "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n": typeof types.LicenseRenewals_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n": typeof types.LicenseSeats_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_query on Query {\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.LicenseSeats_QueryFragmentDoc,
    "\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n": typeof types.LicenseSecret_LicenseFragmentDoc,
    "\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n": typeof types.LicenseSecretRevealDocument,
    "\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseCreateDocument,
    "\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseUpdateDocument,
    "\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseAssignDocument,
    "\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseUnassignDocument,
    "\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRenewDocument,
    "\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRevokeDocument,
    "\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseArchiveDocument,
    "\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRestoreDocument,
    "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.LicenseFilters_QueryFragmentDoc,
    "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": typeof types.LicenseTable_LicenseFragmentDoc,
    "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n": typeof types.LicensesPageDocument,
    "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicensesTagDocument,
    "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicensesUntagDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.MeDocument,
    "\n  query DashboardPage($year: Int) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard\n      ...SpendCharts_dashboard\n    }\n  }\n": types.DashboardPageDocument,
    "\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n": types.ExpiringSoon_DashboardFragmentDoc,
    "\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n": types.SeatUsage_DashboardFragmentDoc,
    "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n    }\n  }\n": types.SpendCharts_DashboardFragmentDoc,
    "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n": types.StatusCounts_DashboardFragmentDoc,
    "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n  }\n": types.LicenseActions_LicenseFragmentDoc,
    "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n    }\n    ...LicenseSeats_query\n  }\n": types.LicenseDetailPageDocument,
    "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": types.LicenseFields_LicenseFragmentDoc,
    "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n  }\n": types.LicenseForm_LicenseFragmentDoc,
    "\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": types.LicenseForm_QueryFragmentDoc,
    "\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n": types.LicenseFormPageDocument,
    "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n": types.LicenseRenewals_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n": types.LicenseSeats_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_query on Query {\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": types.LicenseSeats_QueryFragmentDoc,
    "\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n": types.LicenseSecret_LicenseFragmentDoc,
    "\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n": types.LicenseSecretRevealDocument,
    "\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseCreateDocument,
    "\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseUpdateDocument,
    "\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseAssignDocument,
    "\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseUnassignDocument,
    "\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRenewDocument,
    "\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRevokeDocument,
    "\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseArchiveDocument,
    "\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRestoreDocument,
    "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": types.LicenseFilters_QueryFragmentDoc,
    "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": types.LicenseTable_LicenseFragmentDoc,
    "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n": types.LicensesPageDocument,
    "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicensesTagDocument,
    "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicensesUntagDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPage($year: Int) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard\n      ...SpendCharts_dashboard\n    }\n  }\n"): (typeof documents)["\n  query DashboardPage($year: Int) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard\n      ...SpendCharts_dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n"): (typeof documents)["\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n"): (typeof documents)["\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n    }\n  }\n"): (typeof documents)["\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n  }\n"): (typeof documents)["\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n    }\n    ...LicenseSeats_query\n  }\n"): (typeof documents)["\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n    }\n    ...LicenseSeats_query\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n"): (typeof documents)["\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseSeats_query on Query {\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseSeats_query on Query {\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n"): (typeof documents)["\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n"): (typeof documents)["\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n"): (typeof documents)["\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;