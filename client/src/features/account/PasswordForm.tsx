/** Change your password; the server then ends your other sessions and your API tokens. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Alert, Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { LISTS, PasswordChangeMutation } from "./mutations";

const PasswordSchema = z
  .object({
    oldPassword: z.string().min(1, "Enter your current password."),
    newPassword: z.string().min(12, "At least 12 characters.").max(1024, "At most 1,024 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.newPassword, { path: ["confirm"], message: "The two new passwords differ." });
type PasswordValues = z.input<typeof PasswordSchema>;
const FIELDS = ["oldPassword", "newPassword"] as const;

export function PasswordForm() {
  const change = useAction(PasswordChangeMutation, { kind: "password", refetchQueries: LISTS, fields: FIELDS });
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({
    resolver: zodResolver(PasswordSchema),
    defaultValues: { oldPassword: "", newPassword: "", confirm: "" },
  });

  const onSubmit = handleSubmit(async (v) => {
    setDone(false);
    const result = await change.run({ input: { oldPassword: v.oldPassword, newPassword: v.newPassword } });
    showFieldErrors(result.errors, FIELDS, setError);
    if (!result.ok) return;
    reset();
    setDone(true);
  });

  return (
    <Card title="Password">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Changing your password ends your other sessions and revokes your API tokens.
      </p>
      <form onSubmit={onSubmit} noValidate className="grid max-w-md gap-3">
        <Field label="Current password" htmlFor="password-old" error={errors.oldPassword?.message}>
          <input
            id="password-old"
            type="password"
            autoComplete="current-password"
            className={inputClass}
            {...errorProps("password-old", errors.oldPassword?.message)}
            {...register("oldPassword")}
          />
        </Field>
        <Field
          label="New password"
          htmlFor="password-new"
          error={errors.newPassword?.message}
          hint="12 to 1,024 characters."
        >
          <input
            id="password-new"
            type="password"
            autoComplete="new-password"
            className={inputClass}
            {...errorProps("password-new", errors.newPassword?.message)}
            {...register("newPassword")}
          />
        </Field>
        <Field label="New password again" htmlFor="password-confirm" error={errors.confirm?.message}>
          <input
            id="password-confirm"
            type="password"
            autoComplete="new-password"
            className={inputClass}
            {...errorProps("password-confirm", errors.confirm?.message)}
            {...register("confirm")}
          />
        </Field>
        <ActionError problem={change.problem} />
        {done && (
          <Alert tone="success">Your password is changed. Your other sessions and your API tokens have ended.</Alert>
        )}
        <div>
          <Button type="submit" variant="primary" disabled={isSubmitting}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
