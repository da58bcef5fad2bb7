/** Create (invite) a user; a generated password is shown this once. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Modal } from "../../components/Modal";
import { ShownOnce } from "../../components/ShownOnce";
import { Button, Field, errorProps, inputClass, titleCase } from "../../components/ui";
import type { Role } from "../../gql/graphql";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { USER_LISTS, UserCreateMutation } from "./mutations";
import { ROLES } from "./UsersTable";

const UserSchema = z.object({
  email: z.email("Enter an e-mail address."),
  name: z.string().trim().max(200, "At most 200 characters."),
  role: z.enum(["ADMIN", "MANAGER", "MEMBER", "AUDITOR"]),
  password: z.union([
    z.literal(""),
    z
      .string()
      .min(12, "At least 12 characters, or leave empty to generate one.")
      .max(1024, "At most 1,024 characters."),
  ]),
});
type UserValues = z.input<typeof UserSchema>;
const FIELDS = ["email", "name", "role", "password"] as const;

export function CreateUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useAction(UserCreateMutation, { kind: "user", refetchQueries: USER_LISTS, fields: FIELDS });
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<UserValues>({
    resolver: zodResolver(UserSchema),
    defaultValues: { email: "", name: "", role: "MEMBER" as Role, password: "" },
  });

  const close = (next: boolean) => {
    if (!next) {
      setCreated(null);
      create.clear();
      reset();
    }
    onOpenChange(next);
  };

  const onSubmit = handleSubmit(async (v) => {
    const result = await create.run({
      input: { email: v.email.trim(), name: v.name.trim(), role: v.role, password: v.password || null },
    });
    showFieldErrors(result.errors, FIELDS, setError);
    if (!result.ok) return;
    const password = result.data?.userCreate.initialPassword;
    if (password) setCreated({ email: v.email.trim(), password });
    else close(false);
  });

  return (
    <Modal open={open} onOpenChange={close} title={created ? "User created" : "New user"}>
      {created ? (
        <ShownOnce
          value={created.password}
          testId="initial-password"
          title="Copy the password now"
          onDone={() => close(false)}
        >
          This is the only time the generated password for {created.email} is shown. Pass it on safely.
        </ShownOnce>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid gap-3">
          <Field label="E-mail" htmlFor="user-email" error={errors.email?.message}>
            <input
              id="user-email"
              type="email"
              className={inputClass}
              {...errorProps("user-email", errors.email?.message)}
              {...register("email")}
            />
          </Field>
          <Field label="Name" htmlFor="user-name" error={errors.name?.message}>
            <input
              id="user-name"
              className={inputClass}
              {...errorProps("user-name", errors.name?.message)}
              {...register("name")}
            />
          </Field>
          <Field label="Role" htmlFor="user-role" error={errors.role?.message}>
            <select
              id="user-role"
              className={inputClass}
              {...errorProps("user-role", errors.role?.message)}
              {...register("role")}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {titleCase(r)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Password"
            htmlFor="user-password"
            error={errors.password?.message}
            hint="Optional: leave empty and one is generated and shown once."
          >
            <input
              id="user-password"
              type="password"
              autoComplete="new-password"
              className={inputClass}
              {...errorProps("user-password", errors.password?.message)}
              {...register("password")}
            />
          </Field>
          <ActionError problem={create.problem} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={isSubmitting}>
              Create user
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
