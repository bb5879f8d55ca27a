import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { visibleOrgIds } from "@/lib/library/browse";

// Choices for the editor's forms: the theme tree, and policy documents that may be linked
// (published ones, and those of units the actor may see).

export async function listThemeChoices() {
  const themes = await getDb().themeCategory.findMany({ orderBy: [{ code: "asc" }] });
  return themes.map((theme) => ({ value: theme.code, label: theme.parentCode ? `— ${theme.name}` : theme.name }));
}

export async function listPolicyChoices(actor: Principal) {
  const can = await createPermissionChecker(actor);
  const policies = await getDb().resource.findMany({
    where: { kind: "POLICY", version: { gt: 0 }, trashedAt: null },
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: {
      id: true,
      title: true,
      ownerOrgId: true,
      state: true,
      revisions: { orderBy: { number: "desc" }, take: 1, select: { metadata: true } },
    },
  });
  return policies
    .filter((policy) => policy.state === "PUBLISHED" || can("resource.view", { orgId: policy.ownerOrgId }))
    .map((policy) => {
      const metadata = ZStoredRevisionMetadata.safeParse(policy.revisions[0]?.metadata);
      const docNumber = metadata.success ? metadata.data.policy?.docNumber : null;
      return { value: policy.id, label: docNumber ? `${policy.title}（${docNumber}）` : policy.title };
    });
}

/** The library filter's columns: every site's columns, labelled with the site (资源同享 spans sites). */
export async function listColumnChoices() {
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    select: { name: true, columns: { orderBy: { position: "asc" }, select: { id: true, name: true } } },
  });
  return sites.flatMap((site) =>
    site.columns.map((column) => ({ value: column.id, label: `${site.name} · ${column.name}` })),
  );
}

/** The library filter's authors: the editors and information officers of the units the actor may see. */
export async function listAuthorChoices(actor: Principal) {
  const people = await getDb().user.findMany({
    where: {
      memberships: {
        some: { orgId: { in: await visibleOrgIds(actor) }, role: { in: ["EDITOR", "INFO_OFFICER"] } },
      },
    },
    orderBy: { displayName: "asc" },
    take: 500,
    select: { id: true, displayName: true },
  });
  return people.map((person) => ({ value: person.id, label: person.displayName }));
}
