/** Gives each table cell under `root` the name of its column (`data-label`), which the phone
 * layout in index.css shows above the cell when a table becomes a stack of cards. Watches the
 * DOM, so tables that appear or re-render later are labelled too. */
export function labelTableCells(root: HTMLElement): () => void {
  const label = () => {
    for (const table of root.querySelectorAll("table")) {
      const headers = [...table.querySelectorAll(":scope > thead > tr:last-child > th")].map((th) =>
        (th.textContent ?? "").trim(),
      );
      if (!headers.length) continue;
      for (const row of table.querySelectorAll(":scope > tbody > tr")) {
        let column = 0;
        for (const cell of row.children) {
          const name = headers[column] ?? "";
          if (cell.getAttribute("data-label") !== name) cell.setAttribute("data-label", name);
          column += Number(cell.getAttribute("colspan") ?? "1") || 1;
        }
      }
    }
  };
  label();
  const observer = new MutationObserver(label);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
