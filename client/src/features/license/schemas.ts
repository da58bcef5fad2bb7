/** Field rules shared by the license forms; the server checks them again (and more). */
import { z } from "zod";

/** An amount such as 199.99: empty means none. */
export const decimalSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{1,13}(\.\d{1,6})?$/.test(v), "Enter an amount such as 199.99 (at most 6 decimals).");

/** An ISO 4217 code such as EUR: empty means none. */
export const currencySchema = z
  .string()
  .trim()
  .refine((v) => v === "" || /^[A-Za-z]{3}$/.test(v), "Use a three-letter currency code such as EUR.");

/** A whole number of 0 or more: empty means none. */
export const countSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{1,9}$/.test(v), "Enter a whole number, 0 or more.");

export const optionalDate = z.union([z.literal(""), z.iso.date("Enter a date.")]);
