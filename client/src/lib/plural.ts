/** "1 license", "2 licenses": the one place the client puts a noun in the right number
 * (Intl.PluralRules, en-US, so "1.5 seats" and "-1 day" come out right too). */
const RULES = new Intl.PluralRules("en-US");

/** The noun alone, in the number that fits `count` ("license" / "licenses"). */
export function pluralWord(count: number, one: string, many = `${one}s`): string {
  return RULES.select(count) === "one" ? one : many;
}

/** The count and its noun: "1 license", "2,500 seats". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${pluralWord(count, one, many)}`;
}
