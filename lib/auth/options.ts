import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { authenticate, endSession } from "@/lib/auth/authenticate";

// next-auth (4.x) configuration. Only lib/auth knows the provider; the rest of the code asks
// lib/auth/session.ts for the acting user.

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: {
          username: { label: "用户名", type: "text" },
          password: { label: "密码", type: "password" },
          otp: { label: "动态口令", type: "text" },
        },
        async authorize(credentials, request) {
          const headers = request?.headers as Record<string, unknown> | undefined;
          const forwarded = header(headers, "x-forwarded-for");
          return authenticate(credentials, {
            ip: forwarded ? forwarded.split(",")[0]!.trim() : header(headers, "x-real-ip"),
            userAgent: header(headers, "user-agent"),
          });
        },
      }),
    ],
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, "sign_out");
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = (user as { sessionId?: string }).sessionId;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.uid, sid: token.sid });
        return session;
      },
    },
  };
}
