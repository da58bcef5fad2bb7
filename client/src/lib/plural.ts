/** "1 license", "2 licenses": the one place the client puts a noun in the right number
 * (Intl.PluralRules, en-US, so "1.5 seats" and "-1 day" come out right too). */
const RULES = new Intl.PluralRules("en-US");
// Made once: `count.toLocaleString("en-US")` built a new formatter on every call.
const NUMBER = new Intl.NumberFormat("en-US");

/** The noun alone, in the number that fits `count` ("license" / "licenses"). */
export function pluralWord(count: number, one: string, many = `${one}s`): string {
  return RULES.select(count) === "one" ? one : many;
}

/** The count and its noun: "1 license", "2,500 seats". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(count)} ${pluralWord(count, one, many)}`;
}
