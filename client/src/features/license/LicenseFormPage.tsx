/** Create or edit a license. Rules are checked as you submit; the server's refusals appear
 * beside the field they name, and a stale version (CONFLICT) offers to load the latest. */
import { useQuery } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";

import {
  Alert,
  Button,
  Card,
  Field,
  PageHeader,
  Spinner,
  TagChip,
  errorProps,
  inputClass,
  titleCase,
} from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseForm_LicenseFragment, LicenseForm_QueryFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { readDraft, useFormDraft } from "../../lib/drafts";
import { describeError, splitUserErrors } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { STATUSES } from "../licenses/listState";
import {
  EMPTY_FORM,
  FORM_FIELDS,
  KINDS,
  LicenseFormSchema,
  PERIODS,
  createInput,
  formValuesFrom,
  updateInput,
  type LicenseFormValues,
} from "./licenseForm";
import { FillFromLast, InlineProduct } from "./LicenseFormHelpers";
import { LISTS, LicenseCreateMutation, LicenseUpdateMutation } from "./mutations";
import { useLicenseVariables } from "./useLicenseVariables";

export const LicenseFormFragment = graphql(`
  fragment LicenseForm_license on License {
    id
    version
    name
    kind
    status
    hasSecret
    seats
    cost @include(if: $withCost)
    currency
    billingPeriod
    purchasedOn
    startsOn
    expiresOn
    cancelBy
    autoRenew
    remindSeatHolders
    notes
    metadata
    externalId
    product {
      id
      name
    }
    owner {
      id
    }
    tags {
      id
    }
    viewerCan {
      change
      viewCost
    }
  }
`);

export const LicenseFormQueryFragment = graphql(`
  fragment LicenseForm_query on Query {
    vendors {
      id
      name
      products {
        id
        name
        archivedAt
      }
    }
    tags {
      id
      name
      color
    }
    users(includeInactive: false) @include(if: $withUsers) {
      id
      name
      email
    }
  }
`);

const LicenseFormPageQuery = graphql(`
  query LicenseFormPage($id: ID!, $editing: Boolean!, $withCost: Boolean!, $withUsers: Boolean!) {
    license(id: $id) @include(if: $editing) {
      id
      ...LicenseForm_license
    }
    ...LicenseForm_query
  }
`);

export default function LicenseFormPage() {
  const { id } = useParams();
  const can = useViewerCan();
  const editing = Boolean(id);
  // As on the detail page: this license's costs too, once the server says the viewer sees them.
  const [costsOf, setCostsOf] = useState<string | null>(null);
  const vars = useLicenseVariables(editing && costsOf === id);
  const { data, loading, error, refetch } = useQuery(LicenseFormPageQuery, {
    variables: { id: id ?? "", editing, ...vars },
    fetchPolicy: "network-only",
    skip: !editing && !can.createLicense,
  });
  const loaded = data?.license;
  const moreCosts = loaded != null && loaded.viewerCan.viewCost && !vars.withCost;
  if (moreCosts && costsOf !== loaded.id) setCostsOf(loaded.id);

  const title = editing ? "Edit license" : "New license";
  // Editing asks the license itself (a change grant allows it on that license alone).
  const allowed = editing ? loaded == null || loaded.viewerCan.change : can.createLicense;
  if (!allowed) {
    return (
      <>
        <PageHeader title={title} />
        <Alert title="Not allowed">You may not {editing ? "change this license" : "create licenses"}.</Alert>
      </>
    );
  }
  if (!data || moreCosts) {
    if (loading || moreCosts) return <Spinner />;
    return <Alert title="Could not load the form">{describeError(error)}</Alert>;
  }
  if (editing && !data.license) {
    return (
      <>
        <PageHeader title="License not found" />
        <Link to="/licenses" className="text-sm text-indigo-600 underline dark:text-indigo-400">
          Back to licenses
        </Link>
      </>
    );
  }
  return (
    <LicenseForm
      // A new key when the costs arrive: the form starts again from values that include them.
      key={data.license ? `${data.license.id}:${data.license.version}:${vars.withCost}` : "new"}
      license={data.license ?? null}
      query={data}
      showCost={vars.withCost}
      onReload={() => void refetch()}
    />
  );
}

function LicenseForm({
  license,
  query,
  showCost,
  onReload,
}: {
  license: LicenseForm_LicenseFragment | null;
  query: LicenseForm_QueryFragment;
  showCost: boolean;
  onReload: () => void;
}) {
  const navigate = useNavigate();
  const vars = useLicenseVariables(showCost);
  const options = { kind: "license", refetchQueries: LISTS, fields: FORM_FIELDS };
  const create = useAction(LicenseCreateMutation, options);
  const update = useAction(LicenseUpdateMutation, options);
  const action = license ? update : create;
  const initial = useMemo(() => (license ? formValuesFrom(license) : EMPTY_FORM), [license]);
  const draftKey = `license-form:${license?.id ?? "new"}`;
  const [draftOnOpen] = useState(() => readDraft<LicenseFormValues>(draftKey));
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    getValues,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<LicenseFormValues>({
    resolver: zodResolver(LicenseFormSchema),
    // Input kept from before a sign-in comes back on top of the stored values.
    defaultValues: draftOnOpen ? { ...initial, ...draftOnOpen.values } : initial,
  });
  const draft = useFormDraft<LicenseFormValues>(draftKey, license?.version ?? null, () => getValues(), ["secret"]);
  const custom = useFieldArray({ control, name: "customFields" });
  const removeSecret = watch("removeSecret");
  const productId = watch("productId");
  const can = useViewerCan();
  // A product made inline is chosen once the refetched form lists it.
  const [pendingProduct, setPendingProduct] = useState<string | null>(null);
  useEffect(() => {
    if (pendingProduct && query.vendors.some((v) => v.products.some((p) => p.id === pendingProduct))) {
      setValue("productId", pendingProduct, { shouldValidate: true, shouldDirty: true });
      setPendingProduct(null);
    }
  }, [pendingProduct, query.vendors, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    const result = license
      ? await update.run({ input: updateInput(license.id, license.version, initial, values), ...vars })
      : await create.run({ input: createInput(values) });
    const { byField } = splitUserErrors(result.errors, FORM_FIELDS);
    for (const [field, message] of Object.entries(byField)) {
      setError(field === "metadata" ? "customFields" : (field as keyof LicenseFormValues), {
        type: "server",
        message,
      });
    }
    if (!result.ok) return;
    draft.forget();
    const createdId = result.data && "licenseCreate" in result.data ? result.data.licenseCreate.license?.id : undefined;
    navigate(`/licenses/${license?.id ?? createdId}`);
  });

  const e = (name: keyof LicenseFormValues) => {
    const found = errors[name];
    return found && "message" in found && typeof found.message === "string" ? found.message : undefined;
  };
  const text = (
    name: keyof LicenseFormValues,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
    hint?: string,
  ) => (
    <Field label={label} htmlFor={`license-${name}`} error={e(name)} hint={hint}>
      <input
        id={`license-${name}`}
        className={inputClass}
        {...props}
        {...errorProps(`license-${name}`, e(name))}
        {...register(name)}
      />
    </Field>
  );

  return (
    <>
      <PageHeader title={license ? `Edit ${license.name || license.product.name}` : "New license"} />
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={license ? "Edit license" : "New license"}>
        <ActionError problem={action.problem} onReload={onReload} />
        {draft.restored && (
          <Alert tone="info" title="Your unsaved changes are back">
            <p>
              Your session ended while you were editing; what you had typed was kept (except a secret).
              {license && draft.restored.version !== null && draft.restored.version !== license.version
                ? " This license has changed since, so check the fields before saving."
                : " Check it and save."}
            </p>
            <Button
              className="mt-2"
              onClick={() => {
                draft.forget();
                reset(initial);
              }}
            >
              Discard them
            </Button>
          </Alert>
        )}
        {Object.keys(errors).length > 0 && (
          <p className="text-sm text-red-600 dark:text-red-400" role="status">
            Some fields need attention; see the messages below them.
          </p>
        )}

        <Card title="What it is">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Product" htmlFor="license-productId" error={e("productId")}>
              <select
                id="license-productId"
                className={inputClass}
                {...errorProps("license-productId", e("productId"))}
                {...register("productId")}
              >
                <option value="">Choose a product…</option>
                {query.vendors.map((v) => (
                  <optgroup key={v.id} label={v.name}>
                    {v.products
                      .filter((p) => !p.archivedAt || p.id === license?.product.id)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {v.name} — {p.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            {!license && can.manageCatalog && (
              <InlineProduct vendors={query.vendors} onCreated={(productId) => setPendingProduct(productId)} />
            )}
            {!license && (
              <FillFromLast
                productId={productId}
                withCost={can.viewEveryCost}
                onFill={(last) => {
                  const fill = { shouldDirty: true } as const;
                  setValue("kind", last.kind as LicenseFormValues["kind"], fill);
                  setValue("seats", last.seats == null ? "" : String(last.seats), fill);
                  if (last.cost != null) setValue("cost", last.cost, fill);
                  setValue("currency", last.currency ?? "", fill);
                  setValue("billingPeriod", (last.billingPeriod ?? "") as LicenseFormValues["billingPeriod"], fill);
                  setValue("autoRenew", last.autoRenew, fill);
                  setValue(
                    "tagIds",
                    last.tags.map((t) => t.id),
                    fill,
                  );
                }}
              />
            )}
            {text("name", "Name", { placeholder: "Optional, e.g. Design team plan" })}
            <Field label="Kind" htmlFor="license-kind" error={e("kind")}>
              <select id="license-kind" className={inputClass} {...register("kind")}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {titleCase(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Status" htmlFor="license-status" error={e("status")}>
              <select id="license-status" className={inputClass} {...register("status")}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {titleCase(s)}
                  </option>
                ))}
              </select>
            </Field>
            {text("externalId", "External id", {}, "Its id in another system; must be unique.")}
            <Field label="Owner" htmlFor="license-ownerId" error={e("ownerId")}>
              <select id="license-ownerId" className={inputClass} {...register("ownerId")} disabled={!query.users}>
                <option value="">Nobody</option>
                {query.users?.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name ? `${u.name} (${u.email})` : u.email}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </Card>

        <Card title="Secret">
          <Field
            label={license?.hasSecret ? "New secret" : "Secret"}
            htmlFor="license-secret"
            error={e("secret")}
            hint={
              license?.hasSecret
                ? "Leave empty to keep the stored secret."
                : "Key, token, serial or password; stored encrypted."
            }
          >
            <input
              id="license-secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
              disabled={removeSecret}
              {...errorProps("license-secret", e("secret"))}
              {...register("secret")}
            />
          </Field>
          {license?.hasSecret && (
            <label className="mt-2 flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" {...register("removeSecret")} /> Remove the stored secret
            </label>
          )}
        </Card>

        <Card title="Term, seats and cost">
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {text("startsOn", "Starts", { type: "date" })}
            {text("expiresOn", "Expires", { type: "date" })}
            {text("cancelBy", "Cancel by", { type: "date" }, "Last day to cancel before it renews.")}
            {text("purchasedOn", "Purchased", { type: "date" })}
            {text("seats", "Seats", { inputMode: "numeric" }, "Empty: unlimited.")}
            {showCost && text("cost", "Cost per period", { inputMode: "decimal", placeholder: "199.99" })}
            {showCost &&
              text("currency", "Currency", { maxLength: 3, placeholder: "EUR", className: `${inputClass} uppercase` })}
            <Field label="Billing period" htmlFor="license-billingPeriod" error={e("billingPeriod")}>
              <select id="license-billingPeriod" className={inputClass} {...register("billingPeriod")}>
                <option value="">—</option>
                {PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {titleCase(p)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...register("autoRenew")} /> Renews automatically
          </label>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...register("remindSeatHolders")} /> E-mail seat holders before
            it expires (owners and managers always hear)
          </label>
        </Card>

        <Card title="Tags and notes">
          <fieldset aria-describedby={e("tagIds") ? "license-tagIds-error" : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Tags</legend>
            {query.tags.length === 0 ? (
              <p className="text-sm text-slate-500">No tags yet.</p>
            ) : (
              <div className="flex flex-wrap gap-2">
                {query.tags.map((t) => (
                  <label key={t.id} className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" className="size-4" value={t.id} {...register("tagIds")} />
                    <TagChip name={t.name} color={t.color} />
                  </label>
                ))}
              </div>
            )}
            {e("tagIds") && (
              <p
                id="license-tagIds-error"
                role="alert"
                className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
              >
                {e("tagIds")}
              </p>
            )}
          </fieldset>
          <Field label="Notes" htmlFor="license-notes" error={e("notes")} className="mt-3">
            <textarea id="license-notes" rows={4} className={inputClass} {...register("notes")} />
          </Field>
        </Card>

        <Card title="Custom fields">
          {custom.fields.length === 0 && (
            <p className="mb-2 text-sm text-slate-500 dark:text-slate-400">
              None yet. Add a name and value, such as cost-center: R&amp;D.
            </p>
          )}
          <ul className="space-y-2">
            {custom.fields.map((f, i) => {
              const keyError = errors.customFields?.[i]?.key?.message;
              const valueError = errors.customFields?.[i]?.value?.message;
              return (
                <li key={f.id} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                  <Field label="Name" htmlFor={`custom-${i}-key`} error={keyError}>
                    <input
                      id={`custom-${i}-key`}
                      className={inputClass}
                      {...errorProps(`custom-${i}-key`, keyError)}
                      {...register(`customFields.${i}.key`)}
                    />
                  </Field>
                  <Field label="Value" htmlFor={`custom-${i}-value`} error={valueError}>
                    <input
                      id={`custom-${i}-value`}
                      className={inputClass}
                      {...errorProps(`custom-${i}-value`, valueError)}
                      {...register(`customFields.${i}.value`)}
                    />
                  </Field>
                  <Button variant="ghost" className="sm:mt-6" onClick={() => custom.remove(i)}>
                    Remove<span className="sr-only"> custom field {i + 1}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
          {errors.customFields?.message && (
            <p
              role="alert"
              data-field-error="license-metadata"
              className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
            >
              {errors.customFields.message}
            </p>
          )}
          <Button className="mt-2" onClick={() => custom.append({ key: "", value: "" })}>
            Add custom field
          </Button>
        </Card>

        <div className="flex justify-end gap-2">
          <Button
            onClick={() => {
              draft.forget();
              navigate(-1);
            }}
          >
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : license ? "Save changes" : "Create license"}
          </Button>
        </div>
      </form>
    </>
  );
}
