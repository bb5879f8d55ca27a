import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="container" style={{ textAlign: "center", padding: "4rem 1rem" }}>
      <h1>无权访问</h1>
      <p>您的角色没有查看此页面的权限。如需开通，请联系本单位的安全管理员。</p>
      <p>
        <Link href="/admin">返回工作台</Link>
      </p>
    </main>
  );
}
