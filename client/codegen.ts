// GraphQL Code Generator: typed documents for every operation and fragment in src/,
// generated from the committed schema.graphql (see `npm run check-schema`).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  overwrite: true,
  schema: "schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*", "!src/**/*.test.{ts,tsx}"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        // Components read the fields their fragment names from the query's result directly.
        fragmentMasking: false,
      },
      config: {
        // Custom scalars travel as JSON strings (dates and decimals), JSON numbers (BigInt:
        // totals below 2^53, exact in JavaScript) or any JSON value.
        scalars: {
          BigInt: "number",
          Date: "string",
          DateTime: "string",
          Decimal: "string",
          JSON: "unknown",
        },
        useTypeImports: true,
        enumsAsTypes: true,
        nonOptionalTypename: false,
      },
    },
  },
};

export default config;
