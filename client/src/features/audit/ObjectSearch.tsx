/** The audit log's object filter: a search box over licenses (by name, product, vendor) and
 * vendors (by name) instead of typing an id; picking one filters by it. */
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";

import { Button, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { globalId } from "../../lib/history";

const ObjectSearchQuery = graphql(`
  query AuditObjectSearch($search: String!) {
    vendors(includeArchived: true) {
      id
      name
    }
    licenses(first: 8, search: $search) {
      nodes {
        id
        name
        product {
          id
          name
        }
        vendor {
          id
          name
        }
      }
    }
  }
`);

const ChosenQuery = graphql(`
  query AuditObjectChosen($id: ID!) {
    node(id: $id) {
      id
      ... on License {
        name
        product {
          id
          name
        }
      }
      ... on Vendor {
        name
      }
    }
  }
`);

/** What a chosen object is called: a license by its name or product, a vendor by its name. */
function chosenLabel(node: unknown): string | null {
  if (!node || typeof node !== "object") return null;
  const n = node as { name?: string; product?: { name: string } };
  return n.name || n.product?.name || null;
}

export function ObjectSearch({
  objectType,
  objectId,
  onChange,
}: {
  objectType: string;
  objectId: string;
  onChange: (objectType: string, objectId: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const search = text.trim();
  const { data } = useQuery(ObjectSearchQuery, { variables: { search }, skip: search.length < 2 });
  const chosenType = objectType === "license" ? "License" : objectType === "vendor" ? "Vendor" : null;
  const chosenId = chosenType && objectId ? globalId(chosenType, objectId) : null;
  const chosen = useQuery(ChosenQuery, { variables: { id: chosenId ?? "" }, skip: !chosenId });
  const chosenName = chosenLabel(chosen.data?.node) ?? (objectType && objectId ? `${objectType} #${objectId}` : null);
  const lower = search.toLowerCase();
  const vendors =
    search.length >= 2 ? (data?.vendors ?? []).filter((v) => v.name.toLowerCase().includes(lower)).slice(0, 5) : [];

  return (
    <div className="sm:col-span-2">
      <label htmlFor={`${id}-q`} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
        Object
      </label>
      {chosenName ? (
        <div className="flex items-center gap-2 text-sm">
          <span className="truncate font-medium" data-testid="audit-object">
            {chosenName}
          </span>
          <Button variant="ghost" onClick={() => onChange("", "")}>
            Any object
          </Button>
        </div>
      ) : (
        <>
          <input
            id={`${id}-q`}
            type="search"
            className={inputClass}
            placeholder="Search licenses and vendors by name"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-results`}
          />
          <ul id={`${id}-results`} aria-label="Matching licenses and vendors" className="mt-1 space-y-0.5">
            {vendors.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="text-left text-sm break-words text-indigo-700 underline dark:text-indigo-300"
                  onClick={() => {
                    onChange("vendor", atob(v.id).split(":")[1] ?? "");
                    setText("");
                  }}
                >
                  Vendor: {v.name}
                </button>
              </li>
            ))}
            {search.length >= 2 &&
              data?.licenses?.nodes.map((l) => (
                <li key={l.id}>
                  <button
                    type="button"
                    className="text-left text-sm break-words text-indigo-700 underline dark:text-indigo-300"
                    onClick={() => {
                      onChange("license", atob(l.id).split(":")[1] ?? "");
                      setText("");
                    }}
                  >
                    {l.name || l.product.name} ({l.vendor.name})
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
