// Known data for the browser tests, created through GraphQL as the admin. The expected
// dashboard numbers are derived here from the same list, so the test reads as a spec.

export function isoDay(offsetDays, from = new Date()) {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const year = new Date().getFullYear();
const jan1 = `${year}-01-01`;

// expires: days from today (null: no expiry). cost: the initial term starts on 1 January.
export const LICENSES = [
  { key: "design", product: "Photoshop", name: "Design team", status: "ACTIVE", seats: 5, cost: "600", currency: "EUR", startsOn: jan1, expires: 5, tags: ["design"], secret: "PS-SEED-SECRET-0001" },
  { key: "acrobat", product: "Acrobat", name: "Acrobat Pro", status: "ACTIVE", seats: 10, cost: "200", currency: "EUR", startsOn: jan1, expires: 20, tags: ["finance"] },
  { key: "idea", product: "IntelliJ IDEA", name: "IDEA Ultimate", status: "ACTIVE", seats: 3, cost: "500", currency: "USD", startsOn: jan1, expires: 60, tags: ["engineering"] },
  { key: "jira", product: "Jira", name: "Jira Cloud", status: "TRIAL", seats: null, expires: 200, tags: ["engineering"] },
  { key: "old-idea", product: "IntelliJ IDEA", name: "Old IDEA", status: "EXPIRED", seats: 2, expires: -10, tags: [] },
  { key: "jira-server", product: "Jira", name: "Jira Server", status: "CANCELLED", seats: null, expires: null, tags: [] },
];

const VENDORS = { Adobe: ["Photoshop", "Acrobat"], JetBrains: ["IntelliJ IDEA"], Atlassian: ["Jira"] };
const TAGS = { design: "#db2777", finance: "#16a34a", engineering: "#2563eb" };

// Seats: who holds which (the member's seat on "design" lets them see that license).
export const SEATS = [
  { license: "design", user: "admin" },
  { license: "design", user: "member" },
  { license: "idea", user: "admin" },
];

export function expectedDashboard() {
  const counts = {};
  for (const l of LICENSES) counts[l.status] = (counts[l.status] ?? 0) + 1;
  const within = (days) => LICENSES.filter((l) => l.expires !== null && l.expires >= 0 && l.expires <= days).length;
  const limited = LICENSES.filter((l) => l.seats !== null);
  return {
    counts,
    expiring: { 7: within(7), 30: within(30), 90: within(90) },
    expired: LICENSES.filter((l) => l.expires !== null && l.expires < 0).length,
    seatsTotal: limited.reduce((n, l) => n + l.seats, 0),
    seatsUsed: SEATS.filter((s) => LICENSES.find((l) => l.key === s.license).seats !== null).length,
  };
}

export async function seed(licman, memberEmail) {
  const ids = { vendors: {}, products: {}, tags: {}, licenses: {}, users: {} };
  for (const [vendor, products] of Object.entries(VENDORS)) {
    const v = await licman.must(`mutation($i: VendorCreateInput!) { vendorCreate(input: $i) { vendor { id } errors { message } } }`, { i: { name: vendor } });
    ids.vendors[vendor] = v.vendorCreate.vendor.id;
    for (const product of products) {
      const p = await licman.must(`mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { message } } }`, {
        i: { vendorId: ids.vendors[vendor], name: product },
      });
      ids.products[product] = p.productCreate.product.id;
    }
  }
  for (const [name, color] of Object.entries(TAGS)) {
    const t = await licman.must(`mutation($i: TagCreateInput!) { tagCreate(input: $i) { tag { id } errors { message } } }`, { i: { name, color } });
    ids.tags[name] = t.tagCreate.tag.id;
  }
  const { users } = await licman.must(`{ users { id email } }`);
  ids.users.admin = users.find((u) => u.email === licman.email).id;
  ids.users.member = users.find((u) => u.email === memberEmail).id;
  for (const l of LICENSES) {
    const input = {
      productId: ids.products[l.product],
      name: l.name,
      status: l.status,
      seats: l.seats,
      kind: l.secret ? "SERIAL_KEY" : "SUBSCRIPTION",
      expiresOn: l.expires === null ? null : isoDay(l.expires),
      startsOn: l.startsOn ?? null,
      cost: l.cost ?? null,
      currency: l.currency ?? null,
      billingPeriod: l.cost ? "YEARLY" : null,
      secret: l.secret ?? null,
      tagIds: l.tags.map((t) => ids.tags[t]),
      metadata: l.key === "design" ? { "cost-center": "CC-42" } : null,
    };
    const created = await licman.must(`mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { field message } } }`, { i: input });
    ids.licenses[l.key] = created.licenseCreate.license.id;
  }
  for (const s of SEATS) {
    await licman.must(`mutation($i: LicenseAssignInput!) { licenseAssign(input: $i) { license { id } errors { code message } } }`, {
      i: { licenseId: ids.licenses[s.license], userId: ids.users[s.user] },
    });
  }
  return ids;
}
