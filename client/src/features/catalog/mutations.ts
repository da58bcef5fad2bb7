/** Vendor, product and tag mutations, each wrapped in a use<Verb><Noun> hook that returns the
 * payload's typed errors (an empty list on success). Results spread the fragments of the
 * lists that show them. */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type {
  ProductCreateInput,
  ProductUpdateInput,
  TagCreateInput,
  TagUpdateInput,
  VendorCreateInput,
  VendorUpdateInput,
} from "../../gql/graphql";
import type { UserErrorLike } from "../../lib/errors";

type Result = { errors: readonly UserErrorLike[] };
const VENDOR_LISTS = ["VendorsPage", "LicensesPage", "DashboardPage"];
const TAG_LISTS = ["TagsPage", "LicensesPage"];

const VendorCreateMutation = graphql(`
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

const VendorUpdateMutation = graphql(`
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

const VendorArchiveMutation = graphql(`
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

const VendorRestoreMutation = graphql(`
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

export function useCreateVendor() {
  const [mutate, state] = useMutation(VendorCreateMutation, { refetchQueries: VENDOR_LISTS });
  const create = async (input: VendorCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.vendorCreate.errors ?? [] };
  };
  return [create, state] as const;
}

export function useUpdateVendor() {
  const [mutate, state] = useMutation(VendorUpdateMutation, { refetchQueries: VENDOR_LISTS });
  const update = async (input: VendorUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.vendorUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useArchiveVendor() {
  const [archive, archiveState] = useMutation(VendorArchiveMutation, { refetchQueries: VENDOR_LISTS });
  const [restore, restoreState] = useMutation(VendorRestoreMutation, { refetchQueries: VENDOR_LISTS });
  const setArchived = async (id: string, archived: boolean): Promise<Result> => {
    if (archived) {
      const { data } = await archive({ variables: { id } });
      return { errors: data?.vendorArchive.errors ?? [] };
    }
    const { data } = await restore({ variables: { id } });
    return { errors: data?.vendorRestore.errors ?? [] };
  };
  return [setArchived, { loading: archiveState.loading || restoreState.loading }] as const;
}

const ProductCreateMutation = graphql(`
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

const ProductUpdateMutation = graphql(`
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

const ProductArchiveMutation = graphql(`
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

const ProductRestoreMutation = graphql(`
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

export function useCreateProduct() {
  const [mutate, state] = useMutation(ProductCreateMutation, { refetchQueries: VENDOR_LISTS });
  const create = async (input: ProductCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.productCreate.errors ?? [] };
  };
  return [create, state] as const;
}

export function useUpdateProduct() {
  const [mutate, state] = useMutation(ProductUpdateMutation, { refetchQueries: VENDOR_LISTS });
  const update = async (input: ProductUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.productUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useArchiveProduct() {
  const [archive, archiveState] = useMutation(ProductArchiveMutation, { refetchQueries: VENDOR_LISTS });
  const [restore, restoreState] = useMutation(ProductRestoreMutation, { refetchQueries: VENDOR_LISTS });
  const setArchived = async (id: string, archived: boolean): Promise<Result> => {
    if (archived) {
      const { data } = await archive({ variables: { id } });
      return { errors: data?.productArchive.errors ?? [] };
    }
    const { data } = await restore({ variables: { id } });
    return { errors: data?.productRestore.errors ?? [] };
  };
  return [setArchived, { loading: archiveState.loading || restoreState.loading }] as const;
}

const TagCreateMutation = graphql(`
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

const TagUpdateMutation = graphql(`
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

const TagArchiveMutation = graphql(`
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

const TagRestoreMutation = graphql(`
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

export function useCreateTag() {
  const [mutate, state] = useMutation(TagCreateMutation, { refetchQueries: TAG_LISTS });
  const create = async (input: TagCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.tagCreate.errors ?? [] };
  };
  return [create, state] as const;
}

export function useUpdateTag() {
  const [mutate, state] = useMutation(TagUpdateMutation, { refetchQueries: TAG_LISTS });
  const update = async (input: TagUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.tagUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useArchiveTag() {
  const [archive, archiveState] = useMutation(TagArchiveMutation, { refetchQueries: TAG_LISTS });
  const [restore, restoreState] = useMutation(TagRestoreMutation, { refetchQueries: TAG_LISTS });
  const setArchived = async (id: string, archived: boolean): Promise<Result> => {
    if (archived) {
      const { data } = await archive({ variables: { id } });
      return { errors: data?.tagArchive.errors ?? [] };
    }
    const { data } = await restore({ variables: { id } });
    return { errors: data?.tagRestore.errors ?? [] };
  };
  return [setArchived, { loading: archiveState.loading || restoreState.loading }] as const;
}
