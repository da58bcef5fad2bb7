/** Newer / older buttons for the cursor-paged logs; nothing when everything fits on one page. */
import { Button } from "../../components/ui";

export function LogPager({
  page,
  total,
  hasOlder,
  onNewer,
  onOlder,
}: {
  page: number;
  total: number;
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
}) {
  if (page <= 1 && !hasOlder) return null;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-2 text-sm">
      <span className="text-slate-500 dark:text-slate-400">
        Page {page} · {total} in all
      </span>
      <span className="flex gap-2">
        <Button disabled={page <= 1} onClick={onNewer}>
          Newer
        </Button>
        <Button disabled={!hasOlder} onClick={onOlder}>
          Older
        </Button>
      </span>
    </nav>
  );
}
