import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { authenticate, endSession } from "@/lib/auth/authenticate";
import { getRequestContext } from "@/lib/auth/client-ip";

// next-auth (4.x) configuration. Only lib/auth knows the provider; the rest of the code asks
// lib/auth/session.ts for the acting user.

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
          return authenticate(credentials, getRequestContext(request?.headers as Record<string, unknown> | undefined));
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
