// GET /admin/sites – the sites this site administrator keeps.
import { orPageError, requireActor } from "../guard";
import { listManagedSites } from "@/lib/sites/admin";
import { siteTheme } from "@/lib/sites/themes";
import { DataTable } from "@/components/ui/data-table";

export default async function SitesPage() {
  const actor = await requireActor();
  const sites = await orPageError(listManagedSites(actor));
  return (
    <>
      <h1>网站管理</h1>
      <DataTable
        rows={sites}
        rowKey={(site) => site.id}
        label="网站列表"
        columns={[
          { header: "网站", cell: (site) => <a href={`/admin/sites/${site.id}`}>{site.name}</a> },
          { header: "网站标识码", cell: (site) => site.siteCode },
          { header: "主办单位", cell: (site) => site.org.name },
          { header: "域名", cell: (site) => site.hosts.map((host) => host.host).join("、") },
          { header: "主题", cell: (site) => siteTheme(site.theme).name },
          { header: "栏目数", cell: (site) => site._count.columns },
        ]}
        empty="您没有可管理的网站。"
      />
    </>
  );
}
