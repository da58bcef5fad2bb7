/** Registering an OAuth2 client, and showing a client secret the one time it exists. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Modal } from "../../components/Modal";
import { ShownOnce } from "../../components/ShownOnce";
import { Button, Field, errorProps, inputClass } from "../../components/ui";
import type { OAuthClientRow_ClientFragment, OAuthGrantType, Role } from "../../gql/graphql";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { ScopeFieldset } from "../account/ScopeFieldset";
import { OAUTH_CLIENT_LISTS, OAuthClientCreateMutation, OAuthClientUpdateMutation } from "./oauthMutations";

const ClientSchema = z
  .object({
    name: z.string().trim().min(1, "Give the client a name.").max(200, "At most 200 characters."),
    grantTypes: z.array(z.string()).min(1, "Choose at least one grant."),
    redirectUris: z.string(),
    scopes: z.array(z.string()).min(1, "Choose at least one scope."),
    confidential: z.boolean(),
    serviceRole: z.string(),
  })
  .refine((v) => !v.grantTypes.includes("AUTHORIZATION_CODE") || v.redirectUris.trim() !== "", {
    path: ["redirectUris"],
    message: "The authorization code grant needs a redirect URI.",
  });
type ClientValues = z.input<typeof ClientSchema>;
const CLIENT_FIELDS = ["name", "grantTypes", "redirectUris", "scopes", "confidential", "serviceRole"] as const;

export function ClientSecretShownOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <ShownOnce value={secret} testId="client-secret" onDone={onDone}>
      This is the only time the client secret is shown; Licman keeps only its hash. Put it in the integration's
      settings.
    </ShownOnce>
  );
}

export function RegisterClientDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const registerClient = useAction(OAuthClientCreateMutation, {
    kind: "OAuth client",
    refetchQueries: OAUTH_CLIENT_LISTS,
    fields: CLIENT_FIELDS,
  });
  const [created, setCreated] = useState<{ clientId: string; secret: string | null } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ClientValues>({
    resolver: zodResolver(ClientSchema),
    defaultValues: {
      name: "",
      grantTypes: ["AUTHORIZATION_CODE"],
      redirectUris: "",
      scopes: [],
      confidential: true,
      serviceRole: "MEMBER",
    },
  });
  const grants = watch("grantTypes");

  const close = (next: boolean) => {
    if (!next) {
      setCreated(null);
      registerClient.clear();
      reset();
    }
    onOpenChange(next);
  };

  const onSubmit = handleSubmit(async (v) => {
    const withCredentials = v.grantTypes.includes("CLIENT_CREDENTIALS");
    const result = await registerClient.run({
      input: {
        name: v.name.trim(),
        grantTypes: v.grantTypes as OAuthGrantType[],
        redirectUris: v.redirectUris.split(/\s+/).filter(Boolean),
        scopes: v.scopes,
        confidential: v.confidential,
        serviceRole: withCredentials ? (v.serviceRole as Role) : null,
      },
    });
    showFieldErrors(result.errors, CLIENT_FIELDS, setError);
    const payload = result.data?.oauthClientCreate;
    if (result.ok && payload?.oauthClient) {
      setCreated({ clientId: payload.oauthClient.clientId, secret: payload.clientSecret ?? null });
    }
  });

  const fieldError = (name: string, message: string | undefined) =>
    message && (
      <p
        role="alert"
        data-field-error={`client-${name}`}
        className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
      >
        {message}
      </p>
    );

  return (
    <Modal open={open} onOpenChange={close} title={created ? "Client registered" : "Register OAuth client"}>
      {created ? (
        <div className="grid gap-3">
          <p className="text-sm">
            Client id:{" "}
            <code data-testid="client-id" className="font-mono">
              {created.clientId}
            </code>
          </p>
          {created.secret ? (
            <ClientSecretShownOnce secret={created.secret} onDone={() => close(false)} />
          ) : (
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => close(false)}>
                Done
              </Button>
            </div>
          )}
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid gap-3">
          <Field
            label="Name"
            htmlFor="client-name"
            error={errors.name?.message}
            hint="Users see it on the consent page."
          >
            <input
              id="client-name"
              className={inputClass}
              {...errorProps("client-name", errors.name?.message)}
              {...register("name")}
            />
          </Field>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Grants</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" value="AUTHORIZATION_CODE" {...register("grantTypes")} />
              Authorization code: acts for a user who allows it
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" value="CLIENT_CREDENTIALS" {...register("grantTypes")} />
              Client credentials: acts for itself (scripts, CI)
            </label>
            {fieldError("grantTypes", errors.grantTypes?.message)}
          </fieldset>
          <Field
            label="Redirect URIs"
            htmlFor="client-redirectUris"
            error={errors.redirectUris?.message}
            hint="One per line; matched exactly. https, or http on 127.0.0.1, [::1] or localhost (any port)."
          >
            <textarea
              id="client-redirectUris"
              rows={2}
              className={inputClass}
              {...errorProps("client-redirectUris", errors.redirectUris?.message)}
              {...register("redirectUris")}
            />
          </Field>
          <ScopeFieldset
            legend="Scopes it may ask for"
            registration={register("scopes")}
            error={errors.scopes?.message}
            errorId="client-scopes"
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...register("confidential")} />
            Confidential: it runs on a server and can keep a secret
          </label>
          {fieldError("confidential", errors.confidential?.message)}
          {grants.includes("CLIENT_CREDENTIALS") && (
            <Field
              label="Acts with the role"
              htmlFor="client-serviceRole"
              error={errors.serviceRole?.message}
              hint="What it may do on its own; scopes narrow it further."
            >
              <select id="client-serviceRole" className={inputClass} {...register("serviceRole")}>
                <option value="MEMBER">Member</option>
                <option value="AUDITOR">Auditor</option>
                <option value="MANAGER">Manager</option>
                <option value="ADMIN">Admin</option>
              </select>
            </Field>
          )}
          <ActionError problem={registerClient.problem} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={isSubmitting}>
              Register
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}

const EditSchema = z.object({
  name: z.string().trim().min(1, "Give the client a name.").max(200, "At most 200 characters."),
  redirectUris: z.string(),
  scopes: z.array(z.string()).min(1, "Choose at least one scope."),
  serviceRole: z.string(),
});
type EditValues = z.input<typeof EditSchema>;
const EDIT_FIELDS = ["name", "redirectUris", "scopes", "serviceRole"] as const;

/** Change a client's name, redirect URIs, scopes or service role. New scopes or a new role
 * end its tokens (the server says so in the hint). */
export function EditClientDialog({ client, onClose }: { client: OAuthClientRow_ClientFragment; onClose: () => void }) {
  const update = useAction(OAuthClientUpdateMutation, { kind: "OAuth client", fields: EDIT_FIELDS });
  const withCredentials = client.grantTypes.includes("CLIENT_CREDENTIALS" as OAuthGrantType);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EditValues>({
    resolver: zodResolver(EditSchema),
    defaultValues: {
      name: client.name,
      redirectUris: client.redirectUris.join("\n"),
      scopes: [...client.scopes],
      serviceRole: client.serviceRole ?? "MEMBER",
    },
  });

  const onSubmit = handleSubmit(async (v) => {
    const result = await update.run({
      input: {
        id: client.id,
        name: v.name.trim(),
        redirectUris: v.redirectUris.split(/\s+/).filter(Boolean),
        scopes: v.scopes,
        ...(withCredentials ? { serviceRole: v.serviceRole as Role } : {}),
      },
    });
    showFieldErrors(result.errors, EDIT_FIELDS, setError);
    if (result.ok) onClose();
  });

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Edit ${client.name}`}
      description="New scopes or a new role end the client's current tokens; its users allow it again."
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-3">
        <Field label="Name" htmlFor="edit-client-name" error={errors.name?.message}>
          <input
            id="edit-client-name"
            className={inputClass}
            {...errorProps("edit-client-name", errors.name?.message)}
            {...register("name")}
          />
        </Field>
        <Field
          label="Redirect URIs"
          htmlFor="edit-client-redirectUris"
          error={errors.redirectUris?.message}
          hint="One per line; matched exactly."
        >
          <textarea
            id="edit-client-redirectUris"
            rows={2}
            className={inputClass}
            {...errorProps("edit-client-redirectUris", errors.redirectUris?.message)}
            {...register("redirectUris")}
          />
        </Field>
        <ScopeFieldset
          legend="Scopes it may ask for"
          registration={register("scopes")}
          error={errors.scopes?.message}
          errorId="edit-client-scopes"
        />
        {withCredentials && (
          <Field label="Acts with the role" htmlFor="edit-client-serviceRole" error={errors.serviceRole?.message}>
            <select id="edit-client-serviceRole" className={inputClass} {...register("serviceRole")}>
              <option value="MEMBER">Member</option>
              <option value="AUDITOR">Auditor</option>
              <option value="MANAGER">Manager</option>
              <option value="ADMIN">Admin</option>
            </select>
          </Field>
        )}
        <ActionError problem={update.problem} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={isSubmitting}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
