/** Vendor, product and tag mutations, run by screens with `useAction` (lib/action.tsx).
 * Results spread the fragments of the lists that show them. */
import { graphql } from "../../gql";

export const VENDOR_LISTS = ["VendorsPage", "LicensesPage", "DashboardPage"];
export const TAG_LISTS = ["TagsPage", "LicensesPage"];

export const VendorCreateMutation = graphql(`
  mutation VendorCreate($input: VendorCreateInput!) {
    vendorCreate(input: $input) {
      vendor {
        id
        ...VendorCard_vendor
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const VendorUpdateMutation = graphql(`
  mutation VendorUpdate($input: VendorUpdateInput!) {
    vendorUpdate(input: $input) {
      vendor {
        id
        ...VendorCard_vendor
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const VendorArchiveMutation = graphql(`
  mutation VendorArchive($id: ID!) {
    vendorArchive(input: { id: $id }) {
      vendor {
        id
        ...VendorCard_vendor
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const VendorRestoreMutation = graphql(`
  mutation VendorRestore($id: ID!) {
    vendorRestore(input: { id: $id }) {
      vendor {
        id
        ...VendorCard_vendor
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProductCreateMutation = graphql(`
  mutation ProductCreate($input: ProductCreateInput!) {
    productCreate(input: $input) {
      product {
        id
        ...VendorCard_product
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProductUpdateMutation = graphql(`
  mutation ProductUpdate($input: ProductUpdateInput!) {
    productUpdate(input: $input) {
      product {
        id
        ...VendorCard_product
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProductArchiveMutation = graphql(`
  mutation ProductArchive($id: ID!) {
    productArchive(input: { id: $id }) {
      product {
        id
        ...VendorCard_product
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProductRestoreMutation = graphql(`
  mutation ProductRestore($id: ID!) {
    productRestore(input: { id: $id }) {
      product {
        id
        ...VendorCard_product
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TagCreateMutation = graphql(`
  mutation TagCreate($input: TagCreateInput!) {
    tagCreate(input: $input) {
      tag {
        id
        ...TagsTable_tag
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TagUpdateMutation = graphql(`
  mutation TagUpdate($input: TagUpdateInput!) {
    tagUpdate(input: $input) {
      tag {
        id
        ...TagsTable_tag
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TagArchiveMutation = graphql(`
  mutation TagArchive($id: ID!) {
    tagArchive(input: { id: $id }) {
      tag {
        id
        ...TagsTable_tag
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TagRestoreMutation = graphql(`
  mutation TagRestore($id: ID!) {
    tagRestore(input: { id: $id }) {
      tag {
        id
        ...TagsTable_tag
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
