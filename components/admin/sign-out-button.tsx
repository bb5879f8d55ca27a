"use client";

import { signOut } from "next-auth/react";
import { messages } from "@/lib/i18n/zh-CN";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/admin/login" })}>
      {messages.admin.signOut}
    </button>
  );
}
