import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ROOT_METADATA } from "@/lib/sites/meta";
import "./globals.css";

// Every page names the icon of the site it is on: /favicon.ico answers per site (app/(portal)/favicon.ico).
export const metadata: Metadata = ROOT_METADATA;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The portal's boot script sets the visitor's accessibility modes on <html> before hydration.
    <html lang="zh-CN" suppressHydrationWarning>
      <body>{children}</body>
    </html>
  );
}
