// GET /admin/sites – the sites this site administrator keeps.
import { orPageError, requireActor } from "../guard";
import { listManagedSites } from "@/lib/sites/admin";
import { siteTheme } from "@/lib/sites/themes";

export default async function SitesPage() {
  const actor = await requireActor();
  const sites = await orPageError(listManagedSites(actor));
  return (
    <>
      <h1>网站管理</h1>
      {sites.length === 0 ? <p>您没有可管理的网站。</p> : null}
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">网站</th>
            <th scope="col">网站标识码</th>
            <th scope="col">主办单位</th>
            <th scope="col">域名</th>
            <th scope="col">主题</th>
            <th scope="col">栏目数</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => (
            <tr key={site.id}>
              <td>
                <a href={`/admin/sites/${site.id}`}>{site.name}</a>
              </td>
              <td>{site.siteCode}</td>
              <td>{site.org.name}</td>
              <td>{site.hosts.map((host) => host.host).join("、")}</td>
              <td>{siteTheme(site.theme).name}</td>
              <td>{site._count.columns}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
