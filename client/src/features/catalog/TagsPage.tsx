/** Tags; managers and admins create, rename, recolour and archive them. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";

import { ConfirmDelete } from "../../components/ConfirmDelete";
import { Alert, Badge, Button, PageHeader, Spinner, TagChip } from "../../components/ui";
import { graphql } from "../../gql";
import type { TagsTable_TagFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { describeError } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useViewerCan } from "../auth/session";
import { TagDialog } from "./CatalogDialogs";
import { TagDeleteMutation } from "./deletes";
import { TAG_LISTS, TagArchiveMutation, TagRestoreMutation } from "./mutations";

export const TagsTableFragment = graphql(`
  fragment TagsTable_tag on Tag {
    id
    name
    color
    archivedAt
    licenseCount
  }
`);

const TagsPageQuery = graphql(`
  query TagsPage($includeArchived: Boolean!) {
    tags(includeArchived: $includeArchived) {
      id
      ...TagsTable_tag
    }
  }
`);

export default function TagsPage() {
  const can = useViewerCan();
  const mayManage = can.manageCatalog;
  const [deleting, setDeleting] = useState<TagsTable_TagFragment | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<{ tag: TagsTable_TagFragment | null } | null>(null);
  const archive = useAction(TagArchiveMutation, { kind: "tag", refetchQueries: TAG_LISTS });
  const restore = useAction(TagRestoreMutation, { kind: "tag", refetchQueries: TAG_LISTS });
  const problem = archive.problem ?? restore.problem;
  const archiving = archive.loading || restore.loading;
  const { data, error, loading } = useQuery(TagsPageQuery, {
    variables: { includeArchived },
    fetchPolicy: "cache-and-network",
  });

  const onArchive = (tag: TagsTable_TagFragment) => {
    archive.clear();
    restore.clear();
    void (tag.archivedAt ? restore : archive).run({ id: tag.id });
  };

  return (
    <>
      <PageHeader title="Tags">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          Show archived
        </label>
        {mayManage && (
          <Button variant="primary" onClick={() => setEditing({ tag: null })}>
            New tag
          </Button>
        )}
      </PageHeader>
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      <ActionError problem={problem} className="mb-3" />
      {!data && loading ? (
        <Spinner />
      ) : (
        data && (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-sm" aria-label="Tags">
              <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Tag
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Licenses
                  </th>
                  {mayManage && (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.tags.map((t) => (
                  <tr key={t.id} data-testid="tag-row">
                    <td className="px-3 py-2">
                      <TagChip name={t.name} color={t.color} /> {t.archivedAt && <Badge>Archived</Badge>}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      <Link
                        to={`/licenses?tag=${encodeURIComponent(t.id)}&show=all`}
                        className="text-indigo-700 underline dark:text-indigo-300"
                        aria-label={`${plural(t.licenseCount, "license")} tagged ${t.name}`}
                      >
                        {t.licenseCount}
                      </Link>
                    </td>
                    {mayManage && (
                      <td className="px-3 py-2 text-right">
                        <Button variant="ghost" onClick={() => setEditing({ tag: t })} aria-label={`Edit ${t.name}`}>
                          Edit
                        </Button>
                        <Button
                          variant="ghost"
                          disabled={archiving}
                          onClick={() => onArchive(t)}
                          aria-label={`${t.archivedAt ? "Restore" : "Archive"} ${t.name}`}
                        >
                          {t.archivedAt ? "Restore" : "Archive"}
                        </Button>
                        {can.deleteCatalog && (
                          <Button variant="ghost" onClick={() => setDeleting(t)} aria-label={`Delete ${t.name}`}>
                            Delete
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {editing && <TagDialog tag={editing.tag} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDelete
          document={TagDeleteMutation}
          id={deleting.id}
          kind="tag"
          name={deleting.name}
          consequences={
            deleting.licenseCount > 0
              ? `It is on ${plural(deleting.licenseCount, "license")}: deleting takes it off them (the licenses stay). Archive it instead to keep it on them.`
              : "It is on no license."
          }
          refetchQueries={TAG_LISTS}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
