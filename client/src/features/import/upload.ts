/** Sending a file to `importUpload` as a GraphQL multipart request (the spec Apollo's
 * HttpLink does not speak): one `operations` part, one `map` part, then the file. The cookie
 * session still needs the X-CSRF-Token header, as every other request does. */
import { print } from "graphql";

import { graphql } from "../../gql";
import type { ImportFormat, ImportUploadMutation } from "../../gql/graphql";
import { csrfToken } from "../../lib/cookies";

export const ImportUploadDocument = graphql(`
  mutation ImportUpload($input: ImportUploadInput!) {
    importUpload(input: $input) {
      upload {
        id
        name
        size
        format
        columns
        previewRows
        suggestedMapping {
          column
          field
        }
        suggestedMatch
        problem
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export type UploadResult = ImportUploadMutation["importUpload"];

export function multipartBody(file: File, format: ImportFormat | null): FormData {
  const body = new FormData();
  const operations = {
    query: print(ImportUploadDocument),
    variables: { input: { file: null, format } },
  };
  body.append("operations", JSON.stringify(operations));
  body.append("map", JSON.stringify({ "0": ["variables.input.file"] }));
  body.append("0", file, file.name);
  return body;
}

export async function uploadFile(file: File, format: ImportFormat | null): Promise<UploadResult> {
  const token = csrfToken();
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: token ? { "X-CSRF-Token": token } : {},
    body: multipartBody(file, format),
  });
  const payload = (await response.json()) as {
    data?: ImportUploadMutation;
    errors?: { message: string }[];
  };
  if (!response.ok || !payload.data) {
    const message = payload.errors?.map((e) => e.message).join(" ") || `The server answered ${response.status}.`;
    throw new Error(message);
  }
  return payload.data.importUpload;
}
