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
    "\n  query AccountPage {\n    mySessions {\n      id\n      ...SessionList_session\n    }\n    myApiTokens {\n      id\n      ...ApiTokenList_token\n    }\n    myAuthorizedApps {\n      id\n      ...AuthorizedAppList_app\n    }\n    me {\n      id\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n    }\n  }\n": typeof types.AccountPageDocument,
    "\n  fragment ApiTokenList_token on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n  }\n": typeof types.ApiTokenList_TokenFragmentDoc,
    "\n  fragment AuthorizedAppList_app on AuthorizedApp {\n    id\n    name\n    clientId\n    scopes\n    authorizedAt\n    lastUsedAt\n  }\n": typeof types.AuthorizedAppList_AppFragmentDoc,
    "\n  fragment ReminderSettingsCard_reminders on ReminderSettings {\n    enabled\n    leadDays\n    defaultLeadDays\n    calendarFeed {\n      createdAt\n      lastUsedAt\n    }\n  }\n": typeof types.ReminderSettingsCard_RemindersFragmentDoc,
    "\n  fragment SessionList_session on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ip\n    userAgent\n    current\n  }\n": typeof types.SessionList_SessionFragmentDoc,
    "\n  mutation PasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.PasswordChangeDocument,
    "\n  mutation SessionRevoke($id: ID!) {\n    sessionRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SessionRevokeDocument,
    "\n  mutation ApiTokenCreate($input: ApiTokenCreateInput!) {\n    apiTokenCreate(input: $input) {\n      token\n      apiToken {\n        id\n        ...ApiTokenList_token\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ApiTokenCreateDocument,
    "\n  mutation ApiTokenRevoke($id: ID!) {\n    apiTokenRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ApiTokenRevokeDocument,
    "\n  mutation AuthorizedAppRevoke($id: ID!) {\n    authorizedAppRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.AuthorizedAppRevokeDocument,
    "\n  mutation ReminderSettingsUpdate($input: ReminderSettingsUpdateInput!) {\n    reminderSettingsUpdate(input: $input) {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ReminderSettingsUpdateDocument,
    "\n  mutation CalendarFeedCreate {\n    calendarFeedCreate {\n      url\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CalendarFeedCreateDocument,
    "\n  mutation CalendarFeedRevoke {\n    calendarFeedRevoke {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CalendarFeedRevokeDocument,
    "\n  fragment OAuthClientRow_client on OAuthClient {\n    id\n    clientId\n    name\n    confidential\n    grantTypes\n    redirectUris\n    scopes\n    serviceRole\n    createdAt\n    disabledAt\n  }\n": typeof types.OAuthClientRow_ClientFragmentDoc,
    "\n  query OAuthClientsPage {\n    oauthClients {\n      id\n      ...OAuthClientRow_client\n    }\n  }\n": typeof types.OAuthClientsPageDocument,
    "\n  fragment TeamCard_team on Team {\n    id\n    name\n    description\n    members {\n      id\n      email\n      name\n    }\n  }\n": typeof types.TeamCard_TeamFragmentDoc,
    "\n  query TeamsPage {\n    teams {\n      id\n      ...TeamCard_team\n    }\n    users(includeInactive: false) {\n      id\n      email\n      name\n      isActive\n    }\n  }\n": typeof types.TeamsPageDocument,
    "\n  query UsersPage {\n    users(includeInactive: true) {\n      id\n      ...UsersTable_user\n    }\n  }\n": typeof types.UsersPageDocument,
    "\n  fragment UsersTable_user on User {\n    id\n    email\n    name\n    role\n    isActive\n    viewerCan {\n      changeRole\n      setActive\n    }\n  }\n": typeof types.UsersTable_UserFragmentDoc,
    "\n  mutation UserCreate($input: UserCreateInput!) {\n    userCreate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      initialPassword\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.UserCreateDocument,
    "\n  mutation UserUpdate($input: UserUpdateInput!) {\n    userUpdate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.UserUpdateDocument,
    "\n  mutation UserDeactivate($id: ID!) {\n    userDeactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.UserDeactivateDocument,
    "\n  mutation UserReactivate($id: ID!) {\n    userReactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.UserReactivateDocument,
    "\n  mutation TeamCreate($input: TeamCreateInput!) {\n    teamCreate(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TeamCreateDocument,
    "\n  mutation TeamMemberAdd($input: TeamMemberInput!) {\n    teamMemberAdd(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TeamMemberAddDocument,
    "\n  mutation TeamMemberRemove($input: TeamMemberInput!) {\n    teamMemberRemove(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TeamMemberRemoveDocument,
    "\n  mutation OAuthClientCreate($input: OAuthClientCreateInput!) {\n    oauthClientCreate(input: $input) {\n      clientSecret\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientCreateDocument,
    "\n  mutation OAuthClientUpdate($input: OAuthClientUpdateInput!) {\n    oauthClientUpdate(input: $input) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientUpdateDocument,
    "\n  mutation OAuthClientDisable($id: ID!) {\n    oauthClientDisable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientDisableDocument,
    "\n  mutation OAuthClientEnable($id: ID!) {\n    oauthClientEnable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientEnableDocument,
    "\n  mutation OAuthClientSecretRotate($id: ID!) {\n    oauthClientSecretRotate(input: { id: $id }) {\n      clientSecret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientSecretRotateDocument,
    "\n  mutation OAuthClientDelete($id: ID!) {\n    oauthClientDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OAuthClientDeleteDocument,
    "\n  fragment ApiRequestRow_request on ApiRequest {\n    id\n    occurredAt\n    principalKind\n    userId\n    ip\n    userAgent\n    requestId\n    operationName\n    operationType\n    durationMs\n    outcome\n    statusCode\n  }\n": typeof types.ApiRequestRow_RequestFragmentDoc,
    "\n  query ApiRequestsPage($first: Int!, $after: String, $filter: ApiRequestFilter) {\n    apiRequests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...ApiRequestRow_request\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n": typeof types.ApiRequestsPageDocument,
    "\n  fragment AuditEventList_event on AuditEvent {\n    id\n    occurredAt\n    actorKind\n    actorLabel\n    actorUserId\n    ip\n    requestId\n    action\n    objectType\n    objectId\n    changes\n  }\n": typeof types.AuditEventList_EventFragmentDoc,
    "\n  query AuditPage($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...AuditEventList_event\n      }\n      people {\n        id\n        name\n        email\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n": typeof types.AuditPageDocument,
    "\n  fragment ObjectHistory_page on AuditEventConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      ...AuditEventList_event\n    }\n    people {\n      id\n      name\n      email @include(if: $withEmails)\n    }\n  }\n": typeof types.ObjectHistory_PageFragmentDoc,
    "\n  query LicenseHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    license(id: $id) {\n      id\n      version\n      seatsUsed\n      status\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n": typeof types.LicenseHistoryDocument,
    "\n  query VendorHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    vendor(id: $id) {\n      id\n      version\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n": typeof types.VendorHistoryDocument,
    "\n  query AuditObjectSearch($search: String!) {\n    vendors(includeArchived: true) {\n      id\n      name\n    }\n    licenses(first: 8, search: $search) {\n      nodes {\n        id\n        name\n        product {\n          id\n          name\n        }\n        vendor {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AuditObjectSearchDocument,
    "\n  query AuditObjectChosen($id: ID!) {\n    node(id: $id) {\n      id\n      ... on License {\n        name\n        product {\n          id\n          name\n        }\n      }\n      ... on Vendor {\n        name\n      }\n    }\n  }\n": typeof types.AuditObjectChosenDocument,
    "\n  mutation AuditReport($input: AuditReportInput!) {\n    auditReport(input: $input) {\n      job {\n        id\n      }\n      errors {\n        code\n        field\n        message\n      }\n    }\n  }\n": typeof types.AuditReportDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n    viewerCan {\n      createLicense\n      changeEveryLicense\n      viewEveryCost\n      manageCatalog\n      deleteCatalog\n      viewUsers\n      viewEmails\n      manageUsers\n      manageGrants\n      viewAudit\n      manageAccount\n    }\n    myApiTokens {\n      id\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment TagsTable_tag on Tag {\n    id\n    name\n    color\n    archivedAt\n    licenseCount\n  }\n": typeof types.TagsTable_TagFragmentDoc,
    "\n  query TagsPage($includeArchived: Boolean!) {\n    tags(includeArchived: $includeArchived) {\n      id\n      ...TagsTable_tag\n    }\n  }\n": typeof types.TagsPageDocument,
    "\n  fragment VendorCard_product on Product {\n    id\n    name\n    notes\n    version\n    archivedAt\n    licenseCount\n  }\n": typeof types.VendorCard_ProductFragmentDoc,
    "\n  fragment VendorCard_vendor on Vendor {\n    id\n    name\n    website\n    notes\n    version\n    archivedAt\n    licenseCount\n    viewerCan {\n      change\n      delete\n      manageGrants\n    }\n    products {\n      id\n      ...VendorCard_product\n    }\n  }\n": typeof types.VendorCard_VendorFragmentDoc,
    "\n  query VendorPage($id: ID!) {\n    vendor(id: $id) {\n      id\n      name\n      website\n      notes\n      archivedAt\n      licenseCount\n      products {\n        id\n        name\n        archivedAt\n        licenseCount\n      }\n    }\n  }\n": typeof types.VendorPageDocument,
    "\n  query VendorsPage($includeArchived: Boolean!) {\n    vendors(includeArchived: $includeArchived) {\n      id\n      ...VendorCard_vendor\n    }\n  }\n": typeof types.VendorsPageDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    code\n    message\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
    "\n  mutation VendorDelete($id: ID!) {\n    vendorDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.VendorDeleteDocument,
    "\n  mutation ProductDelete($id: ID!) {\n    productDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ProductDeleteDocument,
    "\n  mutation TagDelete($id: ID!) {\n    tagDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TagDeleteDocument,
    "\n  mutation TeamDelete($id: ID!) {\n    teamDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TeamDeleteDocument,
    "\n  mutation VendorCreate($input: VendorCreateInput!) {\n    vendorCreate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.VendorCreateDocument,
    "\n  mutation VendorUpdate($input: VendorUpdateInput!) {\n    vendorUpdate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.VendorUpdateDocument,
    "\n  mutation VendorArchive($id: ID!) {\n    vendorArchive(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.VendorArchiveDocument,
    "\n  mutation VendorRestore($id: ID!) {\n    vendorRestore(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.VendorRestoreDocument,
    "\n  mutation ProductCreate($input: ProductCreateInput!) {\n    productCreate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProductCreateDocument,
    "\n  mutation ProductUpdate($input: ProductUpdateInput!) {\n    productUpdate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProductUpdateDocument,
    "\n  mutation ProductArchive($id: ID!) {\n    productArchive(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProductArchiveDocument,
    "\n  mutation ProductRestore($id: ID!) {\n    productRestore(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProductRestoreDocument,
    "\n  mutation TagCreate($input: TagCreateInput!) {\n    tagCreate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TagCreateDocument,
    "\n  mutation TagUpdate($input: TagUpdateInput!) {\n    tagUpdate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TagUpdateDocument,
    "\n  mutation TagArchive($id: ID!) {\n    tagArchive(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TagArchiveDocument,
    "\n  mutation TagRestore($id: ID!) {\n    tagRestore(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TagRestoreDocument,
    "\n  query DashboardPage($year: Int, $orgWide: Boolean!) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard @include(if: $orgWide)\n      ...SpendCharts_dashboard @include(if: $orgWide)\n    }\n  }\n": typeof types.DashboardPageDocument,
    "\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n": typeof types.ExpiringSoon_DashboardFragmentDoc,
    "\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n": typeof types.SeatUsage_DashboardFragmentDoc,
    "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    currency\n    spendTotal {\n      amount\n      notConverted {\n        currency\n        amount\n      }\n    }\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n      converted\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n      converted\n    }\n  }\n": typeof types.SpendCharts_DashboardFragmentDoc,
    "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n": typeof types.StatusCounts_DashboardFragmentDoc,
    "\n  query ImportFields {\n    importFields {\n      name\n      label\n      description\n    }\n  }\n": typeof types.ImportFieldsDocument,
    "\n  mutation LicensesImport($input: LicensesImportInput!) {\n    licensesImport(input: $input) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicensesImportDocument,
    "\n  fragment ImportJob_job on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    percent\n    error\n    result\n    attempts\n    files {\n      id\n      name\n      role\n      size\n      url\n    }\n    rowErrors(first: 200) {\n      totalCount\n      nodes {\n        row\n        column\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportJob_JobFragmentDoc,
    "\n  query ImportJob($id: ID!) {\n    job(id: $id) {\n      id\n      ...ImportJob_job\n    }\n  }\n": typeof types.ImportJobDocument,
    "\n  mutation ImportUpload($input: ImportUploadInput!) {\n    importUpload(input: $input) {\n      upload {\n        id\n        name\n        size\n        format\n        columns\n        previewRows\n        suggestedMapping {\n          column\n          field\n        }\n        suggestedMatch\n        problem\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportUploadDocument,
    "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n    viewerCan {\n      viewCost\n    }\n  }\n": typeof types.LicenseActions_LicenseFragmentDoc,
    "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      viewerCan {\n        change\n        assign\n        viewCost\n        manageGrants\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n      ...LicenseGrants_license\n    }\n  }\n": typeof types.LicenseDetailPageDocument,
    "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": typeof types.LicenseFields_LicenseFragmentDoc,
    "\n  query ProductLastLicense($productId: ID!, $withCost: Boolean!) {\n    licenses(first: 1, filter: { productIds: [$productId] }, orderBy: { field: CREATED, direction: DESC }) {\n      nodes {\n        id\n        name\n        kind\n        seats\n        cost @include(if: $withCost)\n        currency\n        billingPeriod\n        autoRenew\n        tags {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ProductLastLicenseDocument,
    "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n    viewerCan {\n      change\n      viewCost\n    }\n  }\n": typeof types.LicenseForm_LicenseFragmentDoc,
    "\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.LicenseForm_QueryFragmentDoc,
    "\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n": typeof types.LicenseFormPageDocument,
    "\n  fragment LicenseGrants_license on License {\n    id\n    owner {\n      id\n    }\n  }\n": typeof types.LicenseGrants_LicenseFragmentDoc,
    "\n  query LicenseGrants($licenseId: ID, $vendorId: ID, $withUsers: Boolean!) {\n    grants(licenseId: $licenseId, vendorId: $vendorId) {\n      id\n      rights\n      createdAt\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n      team {\n        id\n        name\n      }\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n    teams @include(if: $withUsers) {\n      id\n      name\n    }\n  }\n": typeof types.LicenseGrantsDocument,
    "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n": typeof types.LicenseRenewals_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    pastAssignments {\n      id\n      assignedAt\n      endedAt\n      endNote\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n": typeof types.LicenseSeats_LicenseFragmentDoc,
    "\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n": typeof types.LicenseSecret_LicenseFragmentDoc,
    "\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n": typeof types.LicenseSecretRevealDocument,
    "\n  query UserPicker($search: String, $first: Int) {\n    users(includeInactive: false, search: $search, first: $first) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.UserPickerDocument,
    "\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseCreateDocument,
    "\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseUpdateDocument,
    "\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseAssignDocument,
    "\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseUnassignDocument,
    "\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRenewDocument,
    "\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRevokeDocument,
    "\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseArchiveDocument,
    "\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseRestoreDocument,
    "\n  mutation GrantCreate($input: GrantCreateInput!) {\n    grantCreate(input: $input) {\n      grant {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.GrantCreateDocument,
    "\n  mutation GrantRevoke($id: ID!) {\n    grantRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.GrantRevokeDocument,
    "\n  query TagSearch($search: String, $first: Int!) {\n    tags(search: $search, first: $first) {\n      id\n      name\n      color\n    }\n  }\n": typeof types.TagSearchDocument,
    "\n  query LicenseExportCheck($filter: LicenseFilter, $search: String) {\n    licenseExportCheck(filter: $filter, search: $search) {\n      licenses\n      maySecrets: mayIncludeSecrets\n    }\n  }\n": typeof types.LicenseExportCheckDocument,
    "\n  mutation LicenseExport(\n    $format: ExportFormat!\n    $kind: ExportKind!\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $includeSecrets: Boolean!\n  ) {\n    licenseExport(format: $format, kind: $kind, filter: $filter, search: $search, orderBy: $orderBy, includeSecrets: $includeSecrets) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicenseExportDocument,
    "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    products {\n      id\n      name\n      vendorId\n    }\n  }\n": typeof types.LicenseFilters_QueryFragmentDoc,
    "\n  query LicenseFilterChoices($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Tag {\n        id\n        name\n      }\n      ... on User {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.LicenseFilterChoicesDocument,
    "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    costConverted @include(if: $withCost) {\n      currency\n      amount\n    }\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    assignments {\n      id\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    viewerCan {\n      change\n    }\n  }\n": typeof types.LicenseTable_LicenseFragmentDoc,
    "\n  query TagPicker($search: String, $first: Int) {\n    tags(search: $search, first: $first) {\n      id\n      name\n    }\n  }\n": typeof types.TagPickerDocument,
    "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicensesTagDocument,
    "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LicensesUntagDocument,
    "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n": typeof types.LicensesPageDocument,
    "\n  query MyLicenses($me: ID!) {\n    held: licenses(first: 100, filter: { assigneeId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        assignments {\n          ...SeatFields\n        }\n      }\n    }\n    owned: licenses(first: 100, filter: { ownerId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n      }\n    }\n  }\n": typeof types.MyLicensesDocument,
    "\n  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!, $withPast: Boolean!) {\n    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n        assignments {\n          ...SeatFields\n          user {\n            id\n            email @include(if: $withUsers)\n          }\n        }\n        pastAssignments @include(if: $withPast) {\n          ...SeatFields\n          endedAt\n          endNote\n        }\n      }\n    }\n  }\n": typeof types.SeatsPageDocument,
    "\n  query SeatsCatalog {\n    products {\n      id\n      name\n      vendorId\n    }\n    vendors {\n      id\n      name\n    }\n  }\n": typeof types.SeatsCatalogDocument,
    "\n  fragment SeatLicense on License {\n    id\n    name\n    status\n    expiresOn\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n  }\n": typeof types.SeatLicenseFragmentDoc,
    "\n  fragment SeatFields on SeatAssignment {\n    id\n    assignedAt\n    endsOn\n    user {\n      id\n      name\n    }\n  }\n": typeof types.SeatFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query AccountPage {\n    mySessions {\n      id\n      ...SessionList_session\n    }\n    myApiTokens {\n      id\n      ...ApiTokenList_token\n    }\n    myAuthorizedApps {\n      id\n      ...AuthorizedAppList_app\n    }\n    me {\n      id\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n    }\n  }\n": types.AccountPageDocument,
    "\n  fragment ApiTokenList_token on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n  }\n": types.ApiTokenList_TokenFragmentDoc,
    "\n  fragment AuthorizedAppList_app on AuthorizedApp {\n    id\n    name\n    clientId\n    scopes\n    authorizedAt\n    lastUsedAt\n  }\n": types.AuthorizedAppList_AppFragmentDoc,
    "\n  fragment ReminderSettingsCard_reminders on ReminderSettings {\n    enabled\n    leadDays\n    defaultLeadDays\n    calendarFeed {\n      createdAt\n      lastUsedAt\n    }\n  }\n": types.ReminderSettingsCard_RemindersFragmentDoc,
    "\n  fragment SessionList_session on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ip\n    userAgent\n    current\n  }\n": types.SessionList_SessionFragmentDoc,
    "\n  mutation PasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.PasswordChangeDocument,
    "\n  mutation SessionRevoke($id: ID!) {\n    sessionRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SessionRevokeDocument,
    "\n  mutation ApiTokenCreate($input: ApiTokenCreateInput!) {\n    apiTokenCreate(input: $input) {\n      token\n      apiToken {\n        id\n        ...ApiTokenList_token\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ApiTokenCreateDocument,
    "\n  mutation ApiTokenRevoke($id: ID!) {\n    apiTokenRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ApiTokenRevokeDocument,
    "\n  mutation AuthorizedAppRevoke($id: ID!) {\n    authorizedAppRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.AuthorizedAppRevokeDocument,
    "\n  mutation ReminderSettingsUpdate($input: ReminderSettingsUpdateInput!) {\n    reminderSettingsUpdate(input: $input) {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ReminderSettingsUpdateDocument,
    "\n  mutation CalendarFeedCreate {\n    calendarFeedCreate {\n      url\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CalendarFeedCreateDocument,
    "\n  mutation CalendarFeedRevoke {\n    calendarFeedRevoke {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CalendarFeedRevokeDocument,
    "\n  fragment OAuthClientRow_client on OAuthClient {\n    id\n    clientId\n    name\n    confidential\n    grantTypes\n    redirectUris\n    scopes\n    serviceRole\n    createdAt\n    disabledAt\n  }\n": types.OAuthClientRow_ClientFragmentDoc,
    "\n  query OAuthClientsPage {\n    oauthClients {\n      id\n      ...OAuthClientRow_client\n    }\n  }\n": types.OAuthClientsPageDocument,
    "\n  fragment TeamCard_team on Team {\n    id\n    name\n    description\n    members {\n      id\n      email\n      name\n    }\n  }\n": types.TeamCard_TeamFragmentDoc,
    "\n  query TeamsPage {\n    teams {\n      id\n      ...TeamCard_team\n    }\n    users(includeInactive: false) {\n      id\n      email\n      name\n      isActive\n    }\n  }\n": types.TeamsPageDocument,
    "\n  query UsersPage {\n    users(includeInactive: true) {\n      id\n      ...UsersTable_user\n    }\n  }\n": types.UsersPageDocument,
    "\n  fragment UsersTable_user on User {\n    id\n    email\n    name\n    role\n    isActive\n    viewerCan {\n      changeRole\n      setActive\n    }\n  }\n": types.UsersTable_UserFragmentDoc,
    "\n  mutation UserCreate($input: UserCreateInput!) {\n    userCreate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      initialPassword\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.UserCreateDocument,
    "\n  mutation UserUpdate($input: UserUpdateInput!) {\n    userUpdate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.UserUpdateDocument,
    "\n  mutation UserDeactivate($id: ID!) {\n    userDeactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.UserDeactivateDocument,
    "\n  mutation UserReactivate($id: ID!) {\n    userReactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.UserReactivateDocument,
    "\n  mutation TeamCreate($input: TeamCreateInput!) {\n    teamCreate(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TeamCreateDocument,
    "\n  mutation TeamMemberAdd($input: TeamMemberInput!) {\n    teamMemberAdd(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TeamMemberAddDocument,
    "\n  mutation TeamMemberRemove($input: TeamMemberInput!) {\n    teamMemberRemove(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TeamMemberRemoveDocument,
    "\n  mutation OAuthClientCreate($input: OAuthClientCreateInput!) {\n    oauthClientCreate(input: $input) {\n      clientSecret\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientCreateDocument,
    "\n  mutation OAuthClientUpdate($input: OAuthClientUpdateInput!) {\n    oauthClientUpdate(input: $input) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientUpdateDocument,
    "\n  mutation OAuthClientDisable($id: ID!) {\n    oauthClientDisable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientDisableDocument,
    "\n  mutation OAuthClientEnable($id: ID!) {\n    oauthClientEnable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientEnableDocument,
    "\n  mutation OAuthClientSecretRotate($id: ID!) {\n    oauthClientSecretRotate(input: { id: $id }) {\n      clientSecret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientSecretRotateDocument,
    "\n  mutation OAuthClientDelete($id: ID!) {\n    oauthClientDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OAuthClientDeleteDocument,
    "\n  fragment ApiRequestRow_request on ApiRequest {\n    id\n    occurredAt\n    principalKind\n    userId\n    ip\n    userAgent\n    requestId\n    operationName\n    operationType\n    durationMs\n    outcome\n    statusCode\n  }\n": types.ApiRequestRow_RequestFragmentDoc,
    "\n  query ApiRequestsPage($first: Int!, $after: String, $filter: ApiRequestFilter) {\n    apiRequests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...ApiRequestRow_request\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n": types.ApiRequestsPageDocument,
    "\n  fragment AuditEventList_event on AuditEvent {\n    id\n    occurredAt\n    actorKind\n    actorLabel\n    actorUserId\n    ip\n    requestId\n    action\n    objectType\n    objectId\n    changes\n  }\n": types.AuditEventList_EventFragmentDoc,
    "\n  query AuditPage($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...AuditEventList_event\n      }\n      people {\n        id\n        name\n        email\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n": types.AuditPageDocument,
    "\n  fragment ObjectHistory_page on AuditEventConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      ...AuditEventList_event\n    }\n    people {\n      id\n      name\n      email @include(if: $withEmails)\n    }\n  }\n": types.ObjectHistory_PageFragmentDoc,
    "\n  query LicenseHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    license(id: $id) {\n      id\n      version\n      seatsUsed\n      status\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n": types.LicenseHistoryDocument,
    "\n  query VendorHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    vendor(id: $id) {\n      id\n      version\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n": types.VendorHistoryDocument,
    "\n  query AuditObjectSearch($search: String!) {\n    vendors(includeArchived: true) {\n      id\n      name\n    }\n    licenses(first: 8, search: $search) {\n      nodes {\n        id\n        name\n        product {\n          id\n          name\n        }\n        vendor {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AuditObjectSearchDocument,
    "\n  query AuditObjectChosen($id: ID!) {\n    node(id: $id) {\n      id\n      ... on License {\n        name\n        product {\n          id\n          name\n        }\n      }\n      ... on Vendor {\n        name\n      }\n    }\n  }\n": types.AuditObjectChosenDocument,
    "\n  mutation AuditReport($input: AuditReportInput!) {\n    auditReport(input: $input) {\n      job {\n        id\n      }\n      errors {\n        code\n        field\n        message\n      }\n    }\n  }\n": types.AuditReportDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n    viewerCan {\n      createLicense\n      changeEveryLicense\n      viewEveryCost\n      manageCatalog\n      deleteCatalog\n      viewUsers\n      viewEmails\n      manageUsers\n      manageGrants\n      viewAudit\n      manageAccount\n    }\n    myApiTokens {\n      id\n    }\n  }\n": types.MeDocument,
    "\n  fragment TagsTable_tag on Tag {\n    id\n    name\n    color\n    archivedAt\n    licenseCount\n  }\n": types.TagsTable_TagFragmentDoc,
    "\n  query TagsPage($includeArchived: Boolean!) {\n    tags(includeArchived: $includeArchived) {\n      id\n      ...TagsTable_tag\n    }\n  }\n": types.TagsPageDocument,
    "\n  fragment VendorCard_product on Product {\n    id\n    name\n    notes\n    version\n    archivedAt\n    licenseCount\n  }\n": types.VendorCard_ProductFragmentDoc,
    "\n  fragment VendorCard_vendor on Vendor {\n    id\n    name\n    website\n    notes\n    version\n    archivedAt\n    licenseCount\n    viewerCan {\n      change\n      delete\n      manageGrants\n    }\n    products {\n      id\n      ...VendorCard_product\n    }\n  }\n": types.VendorCard_VendorFragmentDoc,
    "\n  query VendorPage($id: ID!) {\n    vendor(id: $id) {\n      id\n      name\n      website\n      notes\n      archivedAt\n      licenseCount\n      products {\n        id\n        name\n        archivedAt\n        licenseCount\n      }\n    }\n  }\n": types.VendorPageDocument,
    "\n  query VendorsPage($includeArchived: Boolean!) {\n    vendors(includeArchived: $includeArchived) {\n      id\n      ...VendorCard_vendor\n    }\n  }\n": types.VendorsPageDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    code\n    message\n  }\n": types.UserErrorFieldsFragmentDoc,
    "\n  mutation VendorDelete($id: ID!) {\n    vendorDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.VendorDeleteDocument,
    "\n  mutation ProductDelete($id: ID!) {\n    productDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ProductDeleteDocument,
    "\n  mutation TagDelete($id: ID!) {\n    tagDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TagDeleteDocument,
    "\n  mutation TeamDelete($id: ID!) {\n    teamDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TeamDeleteDocument,
    "\n  mutation VendorCreate($input: VendorCreateInput!) {\n    vendorCreate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.VendorCreateDocument,
    "\n  mutation VendorUpdate($input: VendorUpdateInput!) {\n    vendorUpdate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.VendorUpdateDocument,
    "\n  mutation VendorArchive($id: ID!) {\n    vendorArchive(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.VendorArchiveDocument,
    "\n  mutation VendorRestore($id: ID!) {\n    vendorRestore(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.VendorRestoreDocument,
    "\n  mutation ProductCreate($input: ProductCreateInput!) {\n    productCreate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProductCreateDocument,
    "\n  mutation ProductUpdate($input: ProductUpdateInput!) {\n    productUpdate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProductUpdateDocument,
    "\n  mutation ProductArchive($id: ID!) {\n    productArchive(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProductArchiveDocument,
    "\n  mutation ProductRestore($id: ID!) {\n    productRestore(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProductRestoreDocument,
    "\n  mutation TagCreate($input: TagCreateInput!) {\n    tagCreate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TagCreateDocument,
    "\n  mutation TagUpdate($input: TagUpdateInput!) {\n    tagUpdate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TagUpdateDocument,
    "\n  mutation TagArchive($id: ID!) {\n    tagArchive(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TagArchiveDocument,
    "\n  mutation TagRestore($id: ID!) {\n    tagRestore(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TagRestoreDocument,
    "\n  query DashboardPage($year: Int, $orgWide: Boolean!) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard @include(if: $orgWide)\n      ...SpendCharts_dashboard @include(if: $orgWide)\n    }\n  }\n": types.DashboardPageDocument,
    "\n  fragment ExpiringSoon_dashboard on Dashboard {\n    expiring {\n      withinDays\n      count\n    }\n    expired\n  }\n": types.ExpiringSoon_DashboardFragmentDoc,
    "\n  fragment SeatUsage_dashboard on Dashboard {\n    seatsUsed\n    seatsTotal\n    unlimitedLicenses\n  }\n": types.SeatUsage_DashboardFragmentDoc,
    "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    currency\n    spendTotal {\n      amount\n      notConverted {\n        currency\n        amount\n      }\n    }\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n      converted\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n      converted\n    }\n  }\n": types.SpendCharts_DashboardFragmentDoc,
    "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n": types.StatusCounts_DashboardFragmentDoc,
    "\n  query ImportFields {\n    importFields {\n      name\n      label\n      description\n    }\n  }\n": types.ImportFieldsDocument,
    "\n  mutation LicensesImport($input: LicensesImportInput!) {\n    licensesImport(input: $input) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicensesImportDocument,
    "\n  fragment ImportJob_job on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    percent\n    error\n    result\n    attempts\n    files {\n      id\n      name\n      role\n      size\n      url\n    }\n    rowErrors(first: 200) {\n      totalCount\n      nodes {\n        row\n        column\n        code\n        message\n      }\n    }\n  }\n": types.ImportJob_JobFragmentDoc,
    "\n  query ImportJob($id: ID!) {\n    job(id: $id) {\n      id\n      ...ImportJob_job\n    }\n  }\n": types.ImportJobDocument,
    "\n  mutation ImportUpload($input: ImportUploadInput!) {\n    importUpload(input: $input) {\n      upload {\n        id\n        name\n        size\n        format\n        columns\n        previewRows\n        suggestedMapping {\n          column\n          field\n        }\n        suggestedMatch\n        problem\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ImportUploadDocument,
    "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n    viewerCan {\n      viewCost\n    }\n  }\n": types.LicenseActions_LicenseFragmentDoc,
    "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      viewerCan {\n        change\n        assign\n        viewCost\n        manageGrants\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n      ...LicenseGrants_license\n    }\n  }\n": types.LicenseDetailPageDocument,
    "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n": types.LicenseFields_LicenseFragmentDoc,
    "\n  query ProductLastLicense($productId: ID!, $withCost: Boolean!) {\n    licenses(first: 1, filter: { productIds: [$productId] }, orderBy: { field: CREATED, direction: DESC }) {\n      nodes {\n        id\n        name\n        kind\n        seats\n        cost @include(if: $withCost)\n        currency\n        billingPeriod\n        autoRenew\n        tags {\n          id\n        }\n      }\n    }\n  }\n": types.ProductLastLicenseDocument,
    "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n    viewerCan {\n      change\n      viewCost\n    }\n  }\n": types.LicenseForm_LicenseFragmentDoc,
    "\n  fragment LicenseForm_query on Query {\n    vendors {\n      id\n      name\n      products {\n        id\n        name\n        archivedAt\n      }\n    }\n    tags {\n      id\n      name\n      color\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n  }\n": types.LicenseForm_QueryFragmentDoc,
    "\n  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) @include(if: $editing) {\n      id\n      ...LicenseForm_license\n    }\n    ...LicenseForm_query\n  }\n": types.LicenseFormPageDocument,
    "\n  fragment LicenseGrants_license on License {\n    id\n    owner {\n      id\n    }\n  }\n": types.LicenseGrants_LicenseFragmentDoc,
    "\n  query LicenseGrants($licenseId: ID, $vendorId: ID, $withUsers: Boolean!) {\n    grants(licenseId: $licenseId, vendorId: $vendorId) {\n      id\n      rights\n      createdAt\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n      team {\n        id\n        name\n      }\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n    teams @include(if: $withUsers) {\n      id\n      name\n    }\n  }\n": types.LicenseGrantsDocument,
    "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n": types.LicenseRenewals_LicenseFragmentDoc,
    "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    pastAssignments {\n      id\n      assignedAt\n      endedAt\n      endNote\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n": types.LicenseSeats_LicenseFragmentDoc,
    "\n  fragment LicenseSecret_license on License {\n    id\n    hasSecret\n    canRevealSecret\n  }\n": types.LicenseSecret_LicenseFragmentDoc,
    "\n  query LicenseSecretReveal($id: ID!) {\n    license(id: $id) {\n      id\n      secret\n    }\n  }\n": types.LicenseSecretRevealDocument,
    "\n  query UserPicker($search: String, $first: Int) {\n    users(includeInactive: false, search: $search, first: $first) {\n      id\n      name\n      email\n    }\n  }\n": types.UserPickerDocument,
    "\n  mutation LicenseCreate($input: LicenseCreateInput!) {\n    licenseCreate(input: $input) {\n      license {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseCreateDocument,
    "\n  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseUpdate(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSecret_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseUpdateDocument,
    "\n  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {\n    licenseAssign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseAssignDocument,
    "\n  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {\n    licenseUnassign(input: $input) {\n      license {\n        id\n        version\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseUnassignDocument,
    "\n  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRenew(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseRenewals_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRenewDocument,
    "\n  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {\n    licenseRevoke(input: $input) {\n      license {\n        id\n        ...LicenseFields_license\n        ...LicenseSeats_license\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRevokeDocument,
    "\n  mutation LicenseArchive($id: ID!) {\n    licenseArchive(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseArchiveDocument,
    "\n  mutation LicenseRestore($id: ID!) {\n    licenseRestore(input: { id: $id }) {\n      license {\n        id\n        version\n        archivedAt\n        updatedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseRestoreDocument,
    "\n  mutation GrantCreate($input: GrantCreateInput!) {\n    grantCreate(input: $input) {\n      grant {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.GrantCreateDocument,
    "\n  mutation GrantRevoke($id: ID!) {\n    grantRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.GrantRevokeDocument,
    "\n  query TagSearch($search: String, $first: Int!) {\n    tags(search: $search, first: $first) {\n      id\n      name\n      color\n    }\n  }\n": types.TagSearchDocument,
    "\n  query LicenseExportCheck($filter: LicenseFilter, $search: String) {\n    licenseExportCheck(filter: $filter, search: $search) {\n      licenses\n      maySecrets: mayIncludeSecrets\n    }\n  }\n": types.LicenseExportCheckDocument,
    "\n  mutation LicenseExport(\n    $format: ExportFormat!\n    $kind: ExportKind!\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $includeSecrets: Boolean!\n  ) {\n    licenseExport(format: $format, kind: $kind, filter: $filter, search: $search, orderBy: $orderBy, includeSecrets: $includeSecrets) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicenseExportDocument,
    "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    products {\n      id\n      name\n      vendorId\n    }\n  }\n": types.LicenseFilters_QueryFragmentDoc,
    "\n  query LicenseFilterChoices($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Tag {\n        id\n        name\n      }\n      ... on User {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.LicenseFilterChoicesDocument,
    "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    costConverted @include(if: $withCost) {\n      currency\n      amount\n    }\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    assignments {\n      id\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    viewerCan {\n      change\n    }\n  }\n": types.LicenseTable_LicenseFragmentDoc,
    "\n  query TagPicker($search: String, $first: Int) {\n    tags(search: $search, first: $first) {\n      id\n      name\n    }\n  }\n": types.TagPickerDocument,
    "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicensesTagDocument,
    "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LicensesUntagDocument,
    "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n": types.LicensesPageDocument,
    "\n  query MyLicenses($me: ID!) {\n    held: licenses(first: 100, filter: { assigneeId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        assignments {\n          ...SeatFields\n        }\n      }\n    }\n    owned: licenses(first: 100, filter: { ownerId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n      }\n    }\n  }\n": types.MyLicensesDocument,
    "\n  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!, $withPast: Boolean!) {\n    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n        assignments {\n          ...SeatFields\n          user {\n            id\n            email @include(if: $withUsers)\n          }\n        }\n        pastAssignments @include(if: $withPast) {\n          ...SeatFields\n          endedAt\n          endNote\n        }\n      }\n    }\n  }\n": types.SeatsPageDocument,
    "\n  query SeatsCatalog {\n    products {\n      id\n      name\n      vendorId\n    }\n    vendors {\n      id\n      name\n    }\n  }\n": types.SeatsCatalogDocument,
    "\n  fragment SeatLicense on License {\n    id\n    name\n    status\n    expiresOn\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n  }\n": types.SeatLicenseFragmentDoc,
    "\n  fragment SeatFields on SeatAssignment {\n    id\n    assignedAt\n    endsOn\n    user {\n      id\n      name\n    }\n  }\n": types.SeatFieldsFragmentDoc,
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
export function graphql(source: "\n  query AccountPage {\n    mySessions {\n      id\n      ...SessionList_session\n    }\n    myApiTokens {\n      id\n      ...ApiTokenList_token\n    }\n    myAuthorizedApps {\n      id\n      ...AuthorizedAppList_app\n    }\n    me {\n      id\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPage {\n    mySessions {\n      id\n      ...SessionList_session\n    }\n    myApiTokens {\n      id\n      ...ApiTokenList_token\n    }\n    myAuthorizedApps {\n      id\n      ...AuthorizedAppList_app\n    }\n    me {\n      id\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenList_token on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenList_token on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthorizedAppList_app on AuthorizedApp {\n    id\n    name\n    clientId\n    scopes\n    authorizedAt\n    lastUsedAt\n  }\n"): (typeof documents)["\n  fragment AuthorizedAppList_app on AuthorizedApp {\n    id\n    name\n    clientId\n    scopes\n    authorizedAt\n    lastUsedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReminderSettingsCard_reminders on ReminderSettings {\n    enabled\n    leadDays\n    defaultLeadDays\n    calendarFeed {\n      createdAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  fragment ReminderSettingsCard_reminders on ReminderSettings {\n    enabled\n    leadDays\n    defaultLeadDays\n    calendarFeed {\n      createdAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionList_session on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ip\n    userAgent\n    current\n  }\n"): (typeof documents)["\n  fragment SessionList_session on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ip\n    userAgent\n    current\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionRevoke($id: ID!) {\n    sessionRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionRevoke($id: ID!) {\n    sessionRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiTokenCreate($input: ApiTokenCreateInput!) {\n    apiTokenCreate(input: $input) {\n      token\n      apiToken {\n        id\n        ...ApiTokenList_token\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiTokenCreate($input: ApiTokenCreateInput!) {\n    apiTokenCreate(input: $input) {\n      token\n      apiToken {\n        id\n        ...ApiTokenList_token\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiTokenRevoke($id: ID!) {\n    apiTokenRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiTokenRevoke($id: ID!) {\n    apiTokenRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthorizedAppRevoke($id: ID!) {\n    authorizedAppRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthorizedAppRevoke($id: ID!) {\n    authorizedAppRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReminderSettingsUpdate($input: ReminderSettingsUpdateInput!) {\n    reminderSettingsUpdate(input: $input) {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReminderSettingsUpdate($input: ReminderSettingsUpdateInput!) {\n    reminderSettingsUpdate(input: $input) {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CalendarFeedCreate {\n    calendarFeedCreate {\n      url\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CalendarFeedCreate {\n    calendarFeedCreate {\n      url\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CalendarFeedRevoke {\n    calendarFeedRevoke {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CalendarFeedRevoke {\n    calendarFeedRevoke {\n      reminders {\n        ...ReminderSettingsCard_reminders\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OAuthClientRow_client on OAuthClient {\n    id\n    clientId\n    name\n    confidential\n    grantTypes\n    redirectUris\n    scopes\n    serviceRole\n    createdAt\n    disabledAt\n  }\n"): (typeof documents)["\n  fragment OAuthClientRow_client on OAuthClient {\n    id\n    clientId\n    name\n    confidential\n    grantTypes\n    redirectUris\n    scopes\n    serviceRole\n    createdAt\n    disabledAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OAuthClientsPage {\n    oauthClients {\n      id\n      ...OAuthClientRow_client\n    }\n  }\n"): (typeof documents)["\n  query OAuthClientsPage {\n    oauthClients {\n      id\n      ...OAuthClientRow_client\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TeamCard_team on Team {\n    id\n    name\n    description\n    members {\n      id\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment TeamCard_team on Team {\n    id\n    name\n    description\n    members {\n      id\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamsPage {\n    teams {\n      id\n      ...TeamCard_team\n    }\n    users(includeInactive: false) {\n      id\n      email\n      name\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query TeamsPage {\n    teams {\n      id\n      ...TeamCard_team\n    }\n    users(includeInactive: false) {\n      id\n      email\n      name\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage {\n    users(includeInactive: true) {\n      id\n      ...UsersTable_user\n    }\n  }\n"): (typeof documents)["\n  query UsersPage {\n    users(includeInactive: true) {\n      id\n      ...UsersTable_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsersTable_user on User {\n    id\n    email\n    name\n    role\n    isActive\n    viewerCan {\n      changeRole\n      setActive\n    }\n  }\n"): (typeof documents)["\n  fragment UsersTable_user on User {\n    id\n    email\n    name\n    role\n    isActive\n    viewerCan {\n      changeRole\n      setActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserCreate($input: UserCreateInput!) {\n    userCreate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      initialPassword\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UserCreate($input: UserCreateInput!) {\n    userCreate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      initialPassword\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserUpdate($input: UserUpdateInput!) {\n    userUpdate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UserUpdate($input: UserUpdateInput!) {\n    userUpdate(input: $input) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserDeactivate($id: ID!) {\n    userDeactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UserDeactivate($id: ID!) {\n    userDeactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserReactivate($id: ID!) {\n    userReactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UserReactivate($id: ID!) {\n    userReactivate(input: { id: $id }) {\n      user {\n        id\n        ...UsersTable_user\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamCreate($input: TeamCreateInput!) {\n    teamCreate(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TeamCreate($input: TeamCreateInput!) {\n    teamCreate(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamMemberAdd($input: TeamMemberInput!) {\n    teamMemberAdd(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TeamMemberAdd($input: TeamMemberInput!) {\n    teamMemberAdd(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamMemberRemove($input: TeamMemberInput!) {\n    teamMemberRemove(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TeamMemberRemove($input: TeamMemberInput!) {\n    teamMemberRemove(input: $input) {\n      team {\n        id\n        ...TeamCard_team\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientCreate($input: OAuthClientCreateInput!) {\n    oauthClientCreate(input: $input) {\n      clientSecret\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientCreate($input: OAuthClientCreateInput!) {\n    oauthClientCreate(input: $input) {\n      clientSecret\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientUpdate($input: OAuthClientUpdateInput!) {\n    oauthClientUpdate(input: $input) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientUpdate($input: OAuthClientUpdateInput!) {\n    oauthClientUpdate(input: $input) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientDisable($id: ID!) {\n    oauthClientDisable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientDisable($id: ID!) {\n    oauthClientDisable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientEnable($id: ID!) {\n    oauthClientEnable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientEnable($id: ID!) {\n    oauthClientEnable(input: { id: $id }) {\n      oauthClient {\n        id\n        ...OAuthClientRow_client\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientSecretRotate($id: ID!) {\n    oauthClientSecretRotate(input: { id: $id }) {\n      clientSecret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientSecretRotate($id: ID!) {\n    oauthClientSecretRotate(input: { id: $id }) {\n      clientSecret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthClientDelete($id: ID!) {\n    oauthClientDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OAuthClientDelete($id: ID!) {\n    oauthClientDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiRequestRow_request on ApiRequest {\n    id\n    occurredAt\n    principalKind\n    userId\n    ip\n    userAgent\n    requestId\n    operationName\n    operationType\n    durationMs\n    outcome\n    statusCode\n  }\n"): (typeof documents)["\n  fragment ApiRequestRow_request on ApiRequest {\n    id\n    occurredAt\n    principalKind\n    userId\n    ip\n    userAgent\n    requestId\n    operationName\n    operationType\n    durationMs\n    outcome\n    statusCode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiRequestsPage($first: Int!, $after: String, $filter: ApiRequestFilter) {\n    apiRequests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...ApiRequestRow_request\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  query ApiRequestsPage($first: Int!, $after: String, $filter: ApiRequestFilter) {\n    apiRequests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...ApiRequestRow_request\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventList_event on AuditEvent {\n    id\n    occurredAt\n    actorKind\n    actorLabel\n    actorUserId\n    ip\n    requestId\n    action\n    objectType\n    objectId\n    changes\n  }\n"): (typeof documents)["\n  fragment AuditEventList_event on AuditEvent {\n    id\n    occurredAt\n    actorKind\n    actorLabel\n    actorUserId\n    ip\n    requestId\n    action\n    objectType\n    objectId\n    changes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...AuditEventList_event\n      }\n      people {\n        id\n        name\n        email\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  query AuditPage($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        ...AuditEventList_event\n      }\n      people {\n        id\n        name\n        email\n      }\n    }\n    users(includeInactive: true) {\n      id\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ObjectHistory_page on AuditEventConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      ...AuditEventList_event\n    }\n    people {\n      id\n      name\n      email @include(if: $withEmails)\n    }\n  }\n"): (typeof documents)["\n  fragment ObjectHistory_page on AuditEventConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      ...AuditEventList_event\n    }\n    people {\n      id\n      name\n      email @include(if: $withEmails)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    license(id: $id) {\n      id\n      version\n      seatsUsed\n      status\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n"): (typeof documents)["\n  query LicenseHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    license(id: $id) {\n      id\n      version\n      seatsUsed\n      status\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VendorHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    vendor(id: $id) {\n      id\n      version\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n"): (typeof documents)["\n  query VendorHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {\n    vendor(id: $id) {\n      id\n      version\n      archivedAt\n      history(first: $first, after: $after) {\n        ...ObjectHistory_page\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditObjectSearch($search: String!) {\n    vendors(includeArchived: true) {\n      id\n      name\n    }\n    licenses(first: 8, search: $search) {\n      nodes {\n        id\n        name\n        product {\n          id\n          name\n        }\n        vendor {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditObjectSearch($search: String!) {\n    vendors(includeArchived: true) {\n      id\n      name\n    }\n    licenses(first: 8, search: $search) {\n      nodes {\n        id\n        name\n        product {\n          id\n          name\n        }\n        vendor {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditObjectChosen($id: ID!) {\n    node(id: $id) {\n      id\n      ... on License {\n        name\n        product {\n          id\n          name\n        }\n      }\n      ... on Vendor {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditObjectChosen($id: ID!) {\n    node(id: $id) {\n      id\n      ... on License {\n        name\n        product {\n          id\n          name\n        }\n      }\n      ... on Vendor {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditReport($input: AuditReportInput!) {\n    auditReport(input: $input) {\n      job {\n        id\n      }\n      errors {\n        code\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuditReport($input: AuditReportInput!) {\n    auditReport(input: $input) {\n      job {\n        id\n      }\n      errors {\n        code\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n    viewerCan {\n      createLicense\n      changeEveryLicense\n      viewEveryCost\n      manageCatalog\n      deleteCatalog\n      viewUsers\n      viewEmails\n      manageUsers\n      manageGrants\n      viewAudit\n      manageAccount\n    }\n    myApiTokens {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n    viewerCan {\n      createLicense\n      changeEveryLicense\n      viewEveryCost\n      manageCatalog\n      deleteCatalog\n      viewUsers\n      viewEmails\n      manageUsers\n      manageGrants\n      viewAudit\n      manageAccount\n    }\n    myApiTokens {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TagsTable_tag on Tag {\n    id\n    name\n    color\n    archivedAt\n    licenseCount\n  }\n"): (typeof documents)["\n  fragment TagsTable_tag on Tag {\n    id\n    name\n    color\n    archivedAt\n    licenseCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagsPage($includeArchived: Boolean!) {\n    tags(includeArchived: $includeArchived) {\n      id\n      ...TagsTable_tag\n    }\n  }\n"): (typeof documents)["\n  query TagsPage($includeArchived: Boolean!) {\n    tags(includeArchived: $includeArchived) {\n      id\n      ...TagsTable_tag\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VendorCard_product on Product {\n    id\n    name\n    notes\n    version\n    archivedAt\n    licenseCount\n  }\n"): (typeof documents)["\n  fragment VendorCard_product on Product {\n    id\n    name\n    notes\n    version\n    archivedAt\n    licenseCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VendorCard_vendor on Vendor {\n    id\n    name\n    website\n    notes\n    version\n    archivedAt\n    licenseCount\n    viewerCan {\n      change\n      delete\n      manageGrants\n    }\n    products {\n      id\n      ...VendorCard_product\n    }\n  }\n"): (typeof documents)["\n  fragment VendorCard_vendor on Vendor {\n    id\n    name\n    website\n    notes\n    version\n    archivedAt\n    licenseCount\n    viewerCan {\n      change\n      delete\n      manageGrants\n    }\n    products {\n      id\n      ...VendorCard_product\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VendorPage($id: ID!) {\n    vendor(id: $id) {\n      id\n      name\n      website\n      notes\n      archivedAt\n      licenseCount\n      products {\n        id\n        name\n        archivedAt\n        licenseCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query VendorPage($id: ID!) {\n    vendor(id: $id) {\n      id\n      name\n      website\n      notes\n      archivedAt\n      licenseCount\n      products {\n        id\n        name\n        archivedAt\n        licenseCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VendorsPage($includeArchived: Boolean!) {\n    vendors(includeArchived: $includeArchived) {\n      id\n      ...VendorCard_vendor\n    }\n  }\n"): (typeof documents)["\n  query VendorsPage($includeArchived: Boolean!) {\n    vendors(includeArchived: $includeArchived) {\n      id\n      ...VendorCard_vendor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    code\n    message\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    code\n    message\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorDelete($id: ID!) {\n    vendorDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VendorDelete($id: ID!) {\n    vendorDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductDelete($id: ID!) {\n    productDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductDelete($id: ID!) {\n    productDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagDelete($id: ID!) {\n    tagDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TagDelete($id: ID!) {\n    tagDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamDelete($id: ID!) {\n    teamDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TeamDelete($id: ID!) {\n    teamDelete(input: { id: $id }) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorCreate($input: VendorCreateInput!) {\n    vendorCreate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VendorCreate($input: VendorCreateInput!) {\n    vendorCreate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorUpdate($input: VendorUpdateInput!) {\n    vendorUpdate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VendorUpdate($input: VendorUpdateInput!) {\n    vendorUpdate(input: $input) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorArchive($id: ID!) {\n    vendorArchive(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VendorArchive($id: ID!) {\n    vendorArchive(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorRestore($id: ID!) {\n    vendorRestore(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VendorRestore($id: ID!) {\n    vendorRestore(input: { id: $id }) {\n      vendor {\n        id\n        ...VendorCard_vendor\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductCreate($input: ProductCreateInput!) {\n    productCreate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductCreate($input: ProductCreateInput!) {\n    productCreate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductUpdate($input: ProductUpdateInput!) {\n    productUpdate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductUpdate($input: ProductUpdateInput!) {\n    productUpdate(input: $input) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductArchive($id: ID!) {\n    productArchive(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductArchive($id: ID!) {\n    productArchive(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductRestore($id: ID!) {\n    productRestore(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductRestore($id: ID!) {\n    productRestore(input: { id: $id }) {\n      product {\n        id\n        ...VendorCard_product\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagCreate($input: TagCreateInput!) {\n    tagCreate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TagCreate($input: TagCreateInput!) {\n    tagCreate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagUpdate($input: TagUpdateInput!) {\n    tagUpdate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TagUpdate($input: TagUpdateInput!) {\n    tagUpdate(input: $input) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagArchive($id: ID!) {\n    tagArchive(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TagArchive($id: ID!) {\n    tagArchive(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagRestore($id: ID!) {\n    tagRestore(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TagRestore($id: ID!) {\n    tagRestore(input: { id: $id }) {\n      tag {\n        id\n        ...TagsTable_tag\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPage($year: Int, $orgWide: Boolean!) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard @include(if: $orgWide)\n      ...SpendCharts_dashboard @include(if: $orgWide)\n    }\n  }\n"): (typeof documents)["\n  query DashboardPage($year: Int, $orgWide: Boolean!) {\n    dashboard(year: $year) {\n      year\n      ...StatusCounts_dashboard\n      ...ExpiringSoon_dashboard\n      ...SeatUsage_dashboard @include(if: $orgWide)\n      ...SpendCharts_dashboard @include(if: $orgWide)\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    currency\n    spendTotal {\n      amount\n      notConverted {\n        currency\n        amount\n      }\n    }\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n      converted\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n      converted\n    }\n  }\n"): (typeof documents)["\n  fragment SpendCharts_dashboard on Dashboard {\n    year\n    currency\n    spendTotal {\n      amount\n      notConverted {\n        currency\n        amount\n      }\n    }\n    spendByVendor {\n      vendorId\n      vendorName\n      currency\n      amount\n      converted\n    }\n    spendByMonth {\n      month\n      currency\n      amount\n      converted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment StatusCounts_dashboard on Dashboard {\n    countsByStatus {\n      status\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportFields {\n    importFields {\n      name\n      label\n      description\n    }\n  }\n"): (typeof documents)["\n  query ImportFields {\n    importFields {\n      name\n      label\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicensesImport($input: LicensesImportInput!) {\n    licensesImport(input: $input) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicensesImport($input: LicensesImportInput!) {\n    licensesImport(input: $input) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportJob_job on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    percent\n    error\n    result\n    attempts\n    files {\n      id\n      name\n      role\n      size\n      url\n    }\n    rowErrors(first: 200) {\n      totalCount\n      nodes {\n        row\n        column\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ImportJob_job on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    percent\n    error\n    result\n    attempts\n    files {\n      id\n      name\n      role\n      size\n      url\n    }\n    rowErrors(first: 200) {\n      totalCount\n      nodes {\n        row\n        column\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJob($id: ID!) {\n    job(id: $id) {\n      id\n      ...ImportJob_job\n    }\n  }\n"): (typeof documents)["\n  query ImportJob($id: ID!) {\n    job(id: $id) {\n      id\n      ...ImportJob_job\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportUpload($input: ImportUploadInput!) {\n    importUpload(input: $input) {\n      upload {\n        id\n        name\n        size\n        format\n        columns\n        previewRows\n        suggestedMapping {\n          column\n          field\n        }\n        suggestedMatch\n        problem\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportUpload($input: ImportUploadInput!) {\n    importUpload(input: $input) {\n      upload {\n        id\n        name\n        size\n        format\n        columns\n        previewRows\n        suggestedMapping {\n          column\n          field\n        }\n        suggestedMatch\n        problem\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n    viewerCan {\n      viewCost\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseActions_license on License {\n    id\n    status\n    archivedAt\n    seatsUsed\n    viewerCan {\n      viewCost\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      viewerCan {\n        change\n        assign\n        viewCost\n        manageGrants\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n      ...LicenseGrants_license\n    }\n  }\n"): (typeof documents)["\n  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {\n    license(id: $id) {\n      id\n      name\n      status\n      archivedAt\n      product {\n        id\n        name\n      }\n      viewerCan {\n        change\n        assign\n        viewCost\n        manageGrants\n      }\n      ...LicenseFields_license\n      ...LicenseSecret_license\n      ...LicenseSeats_license\n      ...LicenseRenewals_license\n      ...LicenseActions_license\n      ...LicenseGrants_license\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseFields_license on License {\n    id\n    name\n    kind\n    status\n    version\n    seats\n    seatsUsed\n    seatsFree\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    archivedAt\n    createdAt\n    updatedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    owner {\n      id\n      name\n      email @include(if: $withUsers)\n    }\n    tags {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductLastLicense($productId: ID!, $withCost: Boolean!) {\n    licenses(first: 1, filter: { productIds: [$productId] }, orderBy: { field: CREATED, direction: DESC }) {\n      nodes {\n        id\n        name\n        kind\n        seats\n        cost @include(if: $withCost)\n        currency\n        billingPeriod\n        autoRenew\n        tags {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductLastLicense($productId: ID!, $withCost: Boolean!) {\n    licenses(first: 1, filter: { productIds: [$productId] }, orderBy: { field: CREATED, direction: DESC }) {\n      nodes {\n        id\n        name\n        kind\n        seats\n        cost @include(if: $withCost)\n        currency\n        billingPeriod\n        autoRenew\n        tags {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n    viewerCan {\n      change\n      viewCost\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseForm_license on License {\n    id\n    version\n    name\n    kind\n    status\n    hasSecret\n    seats\n    cost @include(if: $withCost)\n    currency\n    billingPeriod\n    purchasedOn\n    startsOn\n    expiresOn\n    cancelBy\n    autoRenew\n    remindSeatHolders\n    notes\n    metadata\n    externalId\n    product {\n      id\n      name\n    }\n    owner {\n      id\n    }\n    tags {\n      id\n    }\n    viewerCan {\n      change\n      viewCost\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment LicenseGrants_license on License {\n    id\n    owner {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseGrants_license on License {\n    id\n    owner {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseGrants($licenseId: ID, $vendorId: ID, $withUsers: Boolean!) {\n    grants(licenseId: $licenseId, vendorId: $vendorId) {\n      id\n      rights\n      createdAt\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n      team {\n        id\n        name\n      }\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n    teams @include(if: $withUsers) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query LicenseGrants($licenseId: ID, $vendorId: ID, $withUsers: Boolean!) {\n    grants(licenseId: $licenseId, vendorId: $vendorId) {\n      id\n      rights\n      createdAt\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n      team {\n        id\n        name\n      }\n    }\n    users(includeInactive: false) @include(if: $withUsers) {\n      id\n      name\n      email\n    }\n    teams @include(if: $withUsers) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseRenewals_license on License {\n    id\n    version\n    status\n    expiresOn\n    currency\n    renewals {\n      id\n      startsOn\n      endsOn\n      cost @include(if: $withCost)\n      currency\n      note\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    pastAssignments {\n      id\n      assignedAt\n      endedAt\n      endNote\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseSeats_license on License {\n    id\n    status\n    seats\n    seatsUsed\n    seatsFree\n    assignments {\n      id\n      assignedAt\n      endsOn\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    pastAssignments {\n      id\n      assignedAt\n      endedAt\n      endNote\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query UserPicker($search: String, $first: Int) {\n    users(includeInactive: false, search: $search, first: $first) {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  query UserPicker($search: String, $first: Int) {\n    users(includeInactive: false, search: $search, first: $first) {\n      id\n      name\n      email\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation GrantCreate($input: GrantCreateInput!) {\n    grantCreate(input: $input) {\n      grant {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation GrantCreate($input: GrantCreateInput!) {\n    grantCreate(input: $input) {\n      grant {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRevoke($id: ID!) {\n    grantRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation GrantRevoke($id: ID!) {\n    grantRevoke(input: { id: $id }) {\n      revokedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagSearch($search: String, $first: Int!) {\n    tags(search: $search, first: $first) {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  query TagSearch($search: String, $first: Int!) {\n    tags(search: $search, first: $first) {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseExportCheck($filter: LicenseFilter, $search: String) {\n    licenseExportCheck(filter: $filter, search: $search) {\n      licenses\n      maySecrets: mayIncludeSecrets\n    }\n  }\n"): (typeof documents)["\n  query LicenseExportCheck($filter: LicenseFilter, $search: String) {\n    licenseExportCheck(filter: $filter, search: $search) {\n      licenses\n      maySecrets: mayIncludeSecrets\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicenseExport(\n    $format: ExportFormat!\n    $kind: ExportKind!\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $includeSecrets: Boolean!\n  ) {\n    licenseExport(format: $format, kind: $kind, filter: $filter, search: $search, orderBy: $orderBy, includeSecrets: $includeSecrets) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicenseExport(\n    $format: ExportFormat!\n    $kind: ExportKind!\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $includeSecrets: Boolean!\n  ) {\n    licenseExport(format: $format, kind: $kind, filter: $filter, search: $search, orderBy: $orderBy, includeSecrets: $includeSecrets) {\n      job {\n        id\n        ...ImportJob_job\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    products {\n      id\n      name\n      vendorId\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseFilters_query on Query {\n    vendors {\n      id\n      name\n    }\n    products {\n      id\n      name\n      vendorId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicenseFilterChoices($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Tag {\n        id\n        name\n      }\n      ... on User {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query LicenseFilterChoices($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Tag {\n        id\n        name\n      }\n      ... on User {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    costConverted @include(if: $withCost) {\n      currency\n      amount\n    }\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    assignments {\n      id\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    viewerCan {\n      change\n    }\n  }\n"): (typeof documents)["\n  fragment LicenseTable_license on License {\n    id\n    name\n    status\n    expiresOn\n    seats\n    seatsUsed\n    cost @include(if: $withCost)\n    costConverted @include(if: $withCost) {\n      currency\n      amount\n    }\n    currency\n    archivedAt\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n    tags {\n      id\n      name\n      color\n    }\n    assignments {\n      id\n      user {\n        id\n        name\n        email @include(if: $withUsers)\n      }\n    }\n    viewerCan {\n      change\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagPicker($search: String, $first: Int) {\n    tags(search: $search, first: $first) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query TagPicker($search: String, $first: Int) {\n    tags(search: $search, first: $first) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicensesTag($input: LicensesTagInput!) {\n    licensesTag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LicensesUntag($input: LicensesTagInput!) {\n    licensesUntag(input: $input) {\n      licenses {\n        id\n        tags {\n          id\n          name\n          color\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n"): (typeof documents)["\n  query LicensesPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: LicenseFilter\n    $search: String\n    $orderBy: LicenseOrder\n    $withCost: Boolean!\n    $withUsers: Boolean!\n  ) {\n    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...LicenseTable_license\n        }\n      }\n    }\n    ...LicenseFilters_query\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLicenses($me: ID!) {\n    held: licenses(first: 100, filter: { assigneeId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        assignments {\n          ...SeatFields\n        }\n      }\n    }\n    owned: licenses(first: 100, filter: { ownerId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyLicenses($me: ID!) {\n    held: licenses(first: 100, filter: { assigneeId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        assignments {\n          ...SeatFields\n        }\n      }\n    }\n    owned: licenses(first: 100, filter: { ownerId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!, $withPast: Boolean!) {\n    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n        assignments {\n          ...SeatFields\n          user {\n            id\n            email @include(if: $withUsers)\n          }\n        }\n        pastAssignments @include(if: $withPast) {\n          ...SeatFields\n          endedAt\n          endNote\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!, $withPast: Boolean!) {\n    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {\n      totalCount\n      nodes {\n        ...SeatLicense\n        seats\n        seatsUsed\n        assignments {\n          ...SeatFields\n          user {\n            id\n            email @include(if: $withUsers)\n          }\n        }\n        pastAssignments @include(if: $withPast) {\n          ...SeatFields\n          endedAt\n          endNote\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeatsCatalog {\n    products {\n      id\n      name\n      vendorId\n    }\n    vendors {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query SeatsCatalog {\n    products {\n      id\n      name\n      vendorId\n    }\n    vendors {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeatLicense on License {\n    id\n    name\n    status\n    expiresOn\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SeatLicense on License {\n    id\n    name\n    status\n    expiresOn\n    product {\n      id\n      name\n    }\n    vendor {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeatFields on SeatAssignment {\n    id\n    assignedAt\n    endsOn\n    user {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SeatFields on SeatAssignment {\n    id\n    assignedAt\n    endsOn\n    user {\n      id\n      name\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;