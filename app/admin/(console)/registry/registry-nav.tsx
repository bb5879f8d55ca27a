import Link from "next/link";

/** The registry's sub-pages. */
export function RegistryNav({ current }: { current: "ledger" | "applications" | "new" }) {
  const links = [
    { key: "ledger", href: "/admin/registry", label: "台账" },
    { key: "applications", href: "/admin/registry/applications", label: "审批表" },
    { key: "new", href: "/admin/registry/new", label: "提交申请" },
  ] as const;
  return (
    <nav aria-label="政务新媒体" className="breadcrumb">
      {links.map((link, index) => (
        <span key={link.key}>
          {index > 0 ? "　|　" : null}
          <Link href={link.href} aria-current={current === link.key ? "page" : undefined}>
            {link.label}
          </Link>
        </span>
      ))}
    </nav>
  );
}
