/** Create/edit forms for vendors, products and tags; server refusals land beside their fields. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Modal } from "../../components/Modal";
import { Button, Field, errorProps, inputClass } from "../../components/ui";
import type { TagsTable_TagFragment, VendorCard_ProductFragment, VendorCard_VendorFragment } from "../../gql/graphql";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import {
  ProductCreateMutation,
  ProductUpdateMutation,
  TAG_LISTS,
  TagCreateMutation,
  TagUpdateMutation,
  VENDOR_LISTS,
  VendorCreateMutation,
  VendorUpdateMutation,
} from "./mutations";

function Actions({ onCancel, busy, label }: { onCancel: () => void; busy: boolean; label: string }) {
  return (
    <div className="flex justify-end gap-2">
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" disabled={busy}>
        {label}
      </Button>
    </div>
  );
}

const VendorSchema = z.object({
  name: z.string().trim().min(1, "Give the vendor a name.").max(200, "At most 200 characters."),
  website: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "Enter an http(s) address." })]),
  notes: z.string().max(5000, "At most 5,000 characters."),
});
type VendorValues = z.input<typeof VendorSchema>;
const VENDOR_FIELDS = ["name", "website", "notes"] as const;

export function VendorDialog({ vendor, onClose }: { vendor: VendorCard_VendorFragment | null; onClose: () => void }) {
  const options = { kind: "vendor", refetchQueries: VENDOR_LISTS, fields: VENDOR_FIELDS };
  const create = useAction(VendorCreateMutation, options);
  const update = useAction(VendorUpdateMutation, options);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<VendorValues>({
    resolver: zodResolver(VendorSchema),
    defaultValues: { name: vendor?.name ?? "", website: vendor?.website ?? "", notes: vendor?.notes ?? "" },
  });
  const onSubmit = handleSubmit(async (v) => {
    const values = { name: v.name.trim(), website: v.website.trim() || null, notes: v.notes };
    const result = vendor
      ? await update.run({
          input: {
            id: vendor.id,
            version: vendor.version,
            name: values.name,
            notes: values.notes,
            website: values.website ?? (vendor.website ? "" : null),
          },
        })
      : await create.run({ input: values });
    showFieldErrors(result.errors, VENDOR_FIELDS, setError);
    if (result.ok) onClose();
  });
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={vendor ? `Edit ${vendor.name}` : "New vendor"}>
      <form onSubmit={onSubmit} noValidate className="grid gap-3">
        <Field label="Name" htmlFor="vendor-name" error={errors.name?.message}>
          <input
            id="vendor-name"
            className={inputClass}
            {...errorProps("vendor-name", errors.name?.message)}
            {...register("name")}
          />
        </Field>
        <Field label="Website" htmlFor="vendor-website" error={errors.website?.message}>
          <input
            id="vendor-website"
            type="url"
            placeholder="https://"
            className={inputClass}
            {...errorProps("vendor-website", errors.website?.message)}
            {...register("website")}
          />
        </Field>
        <Field label="Notes" htmlFor="vendor-notes" error={errors.notes?.message}>
          <textarea
            id="vendor-notes"
            rows={3}
            className={inputClass}
            {...errorProps("vendor-notes", errors.notes?.message)}
            {...register("notes")}
          />
        </Field>
        <ActionError problem={(vendor ? update : create).problem} />
        <Actions onCancel={onClose} busy={isSubmitting} label={vendor ? "Save vendor" : "Create vendor"} />
      </form>
    </Modal>
  );
}

const ProductSchema = z.object({
  name: z.string().trim().min(1, "Give the product a name.").max(200, "At most 200 characters."),
  notes: z.string().max(5000, "At most 5,000 characters."),
});
type ProductValues = z.input<typeof ProductSchema>;
const PRODUCT_FIELDS = ["name", "notes"] as const;

export function ProductDialog({
  vendor,
  product,
  onClose,
}: {
  vendor: { id: string; name: string };
  product: VendorCard_ProductFragment | null;
  onClose: () => void;
}) {
  const options = { kind: "product", refetchQueries: VENDOR_LISTS, fields: PRODUCT_FIELDS };
  const create = useAction(ProductCreateMutation, options);
  const update = useAction(ProductUpdateMutation, options);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProductValues>({
    resolver: zodResolver(ProductSchema),
    defaultValues: { name: product?.name ?? "", notes: product?.notes ?? "" },
  });
  const onSubmit = handleSubmit(async (v) => {
    const values = { name: v.name.trim(), notes: v.notes };
    const result = product
      ? await update.run({ input: { id: product.id, version: product.version, ...values } })
      : await create.run({ input: { vendorId: vendor.id, ...values } });
    showFieldErrors(result.errors, PRODUCT_FIELDS, setError);
    if (result.ok) onClose();
  });
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={product ? `Edit ${product.name}` : `New product of ${vendor.name}`}
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-3">
        <Field label="Name" htmlFor="product-name" error={errors.name?.message}>
          <input
            id="product-name"
            className={inputClass}
            {...errorProps("product-name", errors.name?.message)}
            {...register("name")}
          />
        </Field>
        <Field label="Notes" htmlFor="product-notes" error={errors.notes?.message}>
          <textarea
            id="product-notes"
            rows={3}
            className={inputClass}
            {...errorProps("product-notes", errors.notes?.message)}
            {...register("notes")}
          />
        </Field>
        <ActionError problem={(product ? update : create).problem} />
        <Actions onCancel={onClose} busy={isSubmitting} label={product ? "Save product" : "Create product"} />
      </form>
    </Modal>
  );
}

const TagSchema = z.object({
  name: z.string().trim().min(1, "Give the tag a name.").max(100, "At most 100 characters."),
  color: z.union([z.literal(""), z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use #rrggbb.")]),
});
type TagValues = z.input<typeof TagSchema>;
const TAG_FIELDS = ["name", "color"] as const;

export function TagDialog({ tag, onClose }: { tag: TagsTable_TagFragment | null; onClose: () => void }) {
  const options = { kind: "tag", refetchQueries: TAG_LISTS, fields: TAG_FIELDS };
  const create = useAction(TagCreateMutation, options);
  const update = useAction(TagUpdateMutation, options);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TagValues>({
    resolver: zodResolver(TagSchema),
    defaultValues: { name: tag?.name ?? "", color: tag?.color ?? "" },
  });
  const onSubmit = handleSubmit(async (v) => {
    const values = { name: v.name.trim(), color: v.color || null };
    const result = tag ? await update.run({ input: { id: tag.id, ...values } }) : await create.run({ input: values });
    showFieldErrors(result.errors, TAG_FIELDS, setError);
    if (result.ok) onClose();
  });
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={tag ? `Edit ${tag.name}` : "New tag"}>
      <form onSubmit={onSubmit} noValidate className="grid gap-3">
        <Field label="Name" htmlFor="tag-name" error={errors.name?.message}>
          <input
            id="tag-name"
            className={inputClass}
            {...errorProps("tag-name", errors.name?.message)}
            {...register("name")}
          />
        </Field>
        <Field label="Colour" htmlFor="tag-color" error={errors.color?.message} hint="Optional, as #rrggbb.">
          <input
            id="tag-color"
            placeholder="#4f46e5"
            className={inputClass}
            {...errorProps("tag-color", errors.color?.message)}
            {...register("color")}
          />
        </Field>
        <ActionError problem={(tag ? update : create).problem} />
        <Actions onCancel={onClose} busy={isSubmitting} label={tag ? "Save tag" : "Create tag"} />
      </form>
    </Modal>
  );
}
