/** Sign in with e-mail and password; afterwards go back to where the user was heading. */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Navigate, useSearchParams } from "react-router";

import { Alert, Button, Field, errorProps, inputClass, useDocumentTitle } from "../../components/ui";
import { safeNext } from "./RequireAuth";
import { useSession } from "./session";

// Plain react-hook-form rules here: zod stays out of the first download.
interface SignInValues {
  email: string;
  password: string;
}

export function SignInPage() {
  const { status, expired, signIn } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({ defaultValues: { email: "", password: "" } });
  useDocumentTitle("Sign in");

  if (status === "signed-in") {
    // The OAuth2 consent page is the server's, not a screen of this app: load it for real.
    if (next.startsWith("/oauth/")) {
      window.location.replace(next);
      return null;
    }
    return <Navigate to={next} replace />;
  }

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setFailure(null);
    const result = await signIn(email, password);
    if (!result.ok) setFailure(result.message);
  });

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <span className="text-2xl font-semibold tracking-tight">Licman</span>
        </div>
        <form
          onSubmit={onSubmit}
          noValidate
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          aria-labelledby="sign-in-title"
        >
          <h1 id="sign-in-title" className="text-lg font-semibold">
            Sign in
          </h1>
          {expired && !failure && (
            <Alert tone="info">Your session has ended. Sign in again to continue where you were.</Alert>
          )}
          {failure && <Alert>{failure}</Alert>}
          <Field label="E-mail" htmlFor="email" error={errors.email?.message}>
            <input
              id="email"
              type="email"
              autoComplete="username"
              // eslint-disable-next-line jsx-a11y/no-autofocus -- signing in is this page's only task
              autoFocus
              className={inputClass}
              {...errorProps("email", errors.email?.message)}
              {...register("email", {
                setValueAs: (v: string) => v.trim(),
                required: "Enter your e-mail address.",
                pattern: { value: /^[^\s@]+@[^\s@]+$/, message: "Enter a valid e-mail address." },
              })}
            />
          </Field>
          <Field label="Password" htmlFor="password" error={errors.password?.message}>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              className={inputClass}
              {...errorProps("password", errors.password?.message)}
              {...register("password", { required: "Enter your password." })}
            />
          </Field>
          <Button type="submit" variant="primary" className="w-full" disabled={isSubmitting}>
            {isSubmitting ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      </div>
    </main>
  );
}
