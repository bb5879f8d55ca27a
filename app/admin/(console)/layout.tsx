import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { getAdminMenu } from "@/lib/auth/menu";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { messages } from "@/lib/i18n/zh-CN";

export const metadata: Metadata = { title: messages.admin.title, robots: { index: false } };

// Convenience only: every page and action below checks the actor and permission again itself.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/admin/login");
  const menu = await getAdminMenu(actor);
  return (
    <div className="admin-shell">
      <header className="admin-bar">
        <div className="container">
          <strong>{messages.admin.title}</strong>
          <span>
            <Link href="/admin/account" style={{ color: "#fff" }}>
              {actor.displayName}
            </Link>
            　<SignOutButton />
          </span>
        </div>
      </header>
      <nav className="admin-nav" aria-label="后台导航">
        <div className="admin-nav-groups">
          {menu.map((group) => (
            <div key={group.label} className="admin-nav-group">
              <span>{group.label}</span>
              <ul>
                {group.items.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href}>{item.label}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>
      <main id="main" className="container">
        {children}
      </main>
    </div>
  );
}
