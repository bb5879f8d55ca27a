import type { Metadata } from "next";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { messages } from "@/lib/i18n/zh-CN";

export const metadata: Metadata = { title: messages.admin.title, robots: { index: false } };

// Convenience only: every page and action below checks the actor again itself.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/admin/login");
  return (
    <div className="admin-shell">
      <header className="admin-bar">
        <div className="container">
          <strong>{messages.admin.title}</strong>
          <span>
            {actor.displayName}　<SignOutButton />
          </span>
        </div>
      </header>
      <main id="main" className="container">
        {children}
      </main>
    </div>
  );
}
