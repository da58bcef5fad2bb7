/** A search-as-you-type picker (the WAI-ARIA 1.2 combobox pattern): the text box has
 * role="combobox" and owns a listbox of options; ↓/↑ move the active option
 * (aria-activedescendant), Enter picks it, Escape closes the list (and, a second time, clears
 * the text). The caller searches (on the server) with the text it is given by `onSearch`. */
import { useEffect, useId, useState } from "react";

import { errorProps, inputClass } from "./ui";

export interface ComboOption {
  id: string;
  label: string;
  detail?: string | null | undefined;
}

/** `value`, once it has stopped changing for `ms` (what a search box sends to the server). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function Combobox({
  id,
  options,
  onSearch,
  onSelect,
  loading = false,
  placeholder,
  error,
  emptyText = "No match.",
  text,
  onFirstUse,
}: {
  /** The text box's id (a <label htmlFor> names it). */
  id: string;
  options: readonly ComboOption[];
  onSearch: (text: string) => void;
  onSelect: (option: ComboOption) => void;
  loading?: boolean;
  placeholder?: string;
  error?: string | undefined;
  emptyText?: string;
  /** The text shown (controlled by the caller: the search, or the chosen option's label). */
  text: string;
  /** The box was focused or typed into: the caller may start asking for options only then. */
  onFirstUse?: () => void;
}) {
  const listId = `${useId()}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open && (options.length > 0 || (!loading && text.trim() !== ""));
  const activeOption = shown && active >= 0 && active < options.length ? options[active] : undefined;

  const pick = (option: ComboOption) => {
    onSelect(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (e.key === "Enter") {
      if (shown && activeOption) {
        e.preventDefault();
        pick(activeOption);
      } else if (shown && options.length === 1 && options[0]) {
        e.preventDefault();
        pick(options[0]);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        e.preventDefault();
        onSearch("");
      }
    }
  };

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.id}` : undefined}
        aria-busy={loading}
        className={inputClass}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          onFirstUse?.();
          onSearch(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          onFirstUse?.();
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        {...errorProps(id, error)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!shown}
        className="absolute z-30 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map((option, i) => (
          <li
            key={option.id}
            id={`${listId}-${option.id}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-1.5 break-words ${
              i === active ? "bg-indigo-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"
            }`}
            // mousedown, not click: the text box must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(option);
            }}
          >
            <span className="font-medium">{option.label}</span>
            {option.detail && (
              <span className={i === active ? "text-indigo-100" : "text-slate-500 dark:text-slate-400"}>
                {" "}
                · {option.detail}
              </span>
            )}
          </li>
        ))}
        {options.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-1.5 text-slate-500">
            {emptyText}
          </li>
        )}
      </ul>
    </div>
  );
}
