/** Two shortcuts of the new-license form: create the vendor and product on the spot (pick an
 * existing vendor or type a new one), and fill the rest from the product's last license. */
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";

import { Alert, Button, Field, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { ActionError, useAction } from "../../lib/action";
import { formatMoney } from "../../lib/money";
import { ProductCreateMutation, VENDOR_LISTS, VendorCreateMutation } from "../catalog/mutations";
import { plural } from "../../lib/plural";

/** Vendor: a combobox (a list to pick from, or a new name); product: a new name. Creates what
 * is missing and hands back the product's id. */
export function InlineProduct({
  vendors,
  onCreated,
}: {
  vendors: readonly { id: string; name: string; products: readonly { id: string; name: string }[] }[];
  onCreated: (productId: string) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [vendorName, setVendorName] = useState("");
  const [productName, setProductName] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const lists = [...VENDOR_LISTS, "LicenseFormPage"];
  const vendorCreate = useAction(VendorCreateMutation, { kind: "vendor", refetchQueries: lists, awaitRefetch: true });
  const productCreate = useAction(ProductCreateMutation, {
    kind: "product",
    refetchQueries: lists,
    awaitRefetch: true,
  });

  if (!open) {
    return (
      <Button className="self-end" onClick={() => setOpen(true)}>
        New vendor or product…
      </Button>
    );
  }
  const add = async () => {
    setMissing(null);
    const vName = vendorName.trim();
    const pName = productName.trim();
    if (!vName || !pName) return setMissing("Give the vendor (pick or type a new one) and the product's name.");
    let vendor = vendors.find((v) => v.name.toLowerCase() === vName.toLowerCase());
    const existing = vendor?.products.find((p) => p.name.toLowerCase() === pName.toLowerCase());
    if (existing) return onCreated(existing.id);
    let vendorId = vendor?.id;
    if (!vendorId) {
      const made = await vendorCreate.run({ input: { name: vName } });
      vendorId = made.data?.vendorCreate.vendor?.id;
      if (!vendorId) return;
    }
    const made = await productCreate.run({ input: { vendorId, name: pName } });
    const productId = made.data?.productCreate.product?.id;
    if (productId) {
      vendor = undefined;
      setOpen(false);
      setVendorName("");
      setProductName("");
      onCreated(productId);
    }
  };
  return (
    <fieldset className="grid gap-2 rounded-md border border-slate-200 p-3 sm:col-span-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">New vendor or product</legend>
      <Field label="Vendor" htmlFor={`${id}-vendor`} hint="Pick one, or type a new vendor's name.">
        <input
          id={`${id}-vendor`}
          list={`${id}-vendors`}
          className={inputClass}
          value={vendorName}
          onChange={(e) => setVendorName(e.target.value)}
        />
        <datalist id={`${id}-vendors`}>
          {vendors.map((v) => (
            <option key={v.id} value={v.name} />
          ))}
        </datalist>
      </Field>
      <Field label="New product" htmlFor={`${id}-product`}>
        <input
          id={`${id}-product`}
          className={inputClass}
          value={productName}
          onChange={(e) => setProductName(e.target.value)}
        />
      </Field>
      <div className="flex gap-2">
        <Button variant="primary" disabled={vendorCreate.loading || productCreate.loading} onClick={() => void add()}>
          Add product
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      <div className="sm:col-span-3">
        {missing && <Alert>{missing}</Alert>}
        <ActionError problem={vendorCreate.problem ?? productCreate.problem} />
      </div>
    </fieldset>
  );
}

const LastLicenseQuery = graphql(`
  query ProductLastLicense($productId: ID!, $withCost: Boolean!) {
    licenses(first: 1, filter: { productIds: [$productId] }, orderBy: { field: CREATED, direction: DESC }) {
      nodes {
        id
        name
        kind
        seats
        cost @include(if: $withCost)
        currency
        billingPeriod
        autoRenew
        tags {
          id
        }
      }
    }
  }
`);

export type LastLicense = {
  kind: string;
  seats?: number | null;
  cost?: string | null;
  currency?: string | null;
  billingPeriod?: string | null;
  autoRenew: boolean;
  tags: { id: string }[];
};

/** Offers the product's most recent license as a starting point (kind, seats, cost, period,
 * renewal, tags); nothing is changed until the person asks. */
export function FillFromLast({
  productId,
  withCost,
  onFill,
}: {
  productId: string;
  withCost: boolean;
  onFill: (last: LastLicense) => void;
}) {
  const [used, setUsed] = useState<string | null>(null);
  const { data } = useQuery(LastLicenseQuery, { variables: { productId, withCost }, skip: !productId });
  const last = data?.licenses?.nodes[0];
  if (!productId || !last || used === productId) return null;
  const summary = [
    last.seats != null ? plural(last.seats, "seat") : "unlimited seats",
    last.cost ? formatMoney(last.cost, last.currency) : null,
    last.billingPeriod ? last.billingPeriod.toLowerCase().replace("_", " ") : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <div className="sm:col-span-2">
      <Alert tone="info">
        <p>
          This product&apos;s last license is <strong>{last.name || "unnamed"}</strong> ({summary}).
        </p>
        <Button
          className="mt-2"
          onClick={() => {
            setUsed(productId);
            onFill(last);
          }}
        >
          Fill from {last.name || "the last license"}
        </Button>
      </Alert>
    </div>
  );
}
