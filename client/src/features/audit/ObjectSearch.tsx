/** The audit log's object filter: a search box over licenses (by name, product, vendor) instead
 * of typing an id; picking one filters by it. */
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";

import { Button, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { globalId } from "../../lib/history";

const ObjectSearchQuery = graphql(`
  query AuditObjectSearch($search: String!) {
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
    license(id: $id) {
      id
      name
      product {
        id
        name
      }
    }
  }
`);

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
  const chosenLicense = objectType === "license" && objectId ? globalId("License", objectId) : null;
  const chosen = useQuery(ChosenQuery, { variables: { id: chosenLicense ?? "" }, skip: !chosenLicense });
  const chosenName = chosen.data?.license
    ? chosen.data.license.name || chosen.data.license.product.name
    : objectType && objectId
      ? `${objectType} #${objectId}`
      : null;

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
            placeholder="Search licenses by name, product, vendor"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-results`}
          />
          <ul id={`${id}-results`} aria-label="Matching licenses" className="mt-1 space-y-0.5">
            {search.length >= 2 &&
              data?.licenses?.nodes.map((l) => (
                <li key={l.id}>
                  <button
                    type="button"
                    className="text-left text-sm text-indigo-700 underline dark:text-indigo-300"
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
