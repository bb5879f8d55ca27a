// GET /admin/login – the sign-in page of the back office.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/redirect";
import { SignInForm } from "@/components/admin/sign-in-form";
import { messages } from "@/lib/i18n/zh-CN";

export const metadata: Metadata = { title: messages.admin.signInTitle, robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  return (
    <main className="sign-in">
      <h1>{messages.admin.signInTitle}</h1>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
