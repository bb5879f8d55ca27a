// GET /admin/supervision/thresholds – 监测指标: each indicator's veto line (or target) and its warning
// threshold, set by the supervising unit; the defaults follow 国办秘函〔2019〕19号 and seed 000.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listThresholds } from "@/lib/supervision/thresholds";
import { ActionForm, Field } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { saveThresholdAction } from "../actions";

export default async function ThresholdsPage() {
  const actor = await requireActor();
  const rows = await orPageError(listThresholds(actor));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/supervision/findings">监测问题</Link> &gt; 监测指标
      </p>
      <h1>监测指标</h1>
      <p>
        否决线为《政府网站与政务新媒体检查指标》单项否决线（或主管单位要求）；预警值应早于否决线，达到即向网站主办单位预警。
      </p>
      <DataTable
        rows={rows}
        rowKey={(row) => row.indicator}
        label="监测指标"
        empty="暂无指标"
        columns={[
          { header: "指标", cell: (row) => row.label },
          { header: "默认（否决线 / 预警值）", cell: (row) => `${row.defaultVeto} / ${row.defaultWarn}${row.unit}` },
          {
            header: "当前设置",
            cell: (row) => (
              <ActionForm action={saveThresholdAction} submitLabel="保存" className="inline-form">
                <input type="hidden" name="indicator" value={row.indicator} />
                <input type="hidden" name="version" value={row.version} />
                <Field
                  id={`veto-${row.indicator}`}
                  name="veto"
                  label={`否决线（${row.unit || "比例"}）`}
                  type="number"
                  defaultValue={row.veto}
                />
                <Field
                  id={`warn-${row.indicator}`}
                  name="warn"
                  label={`预警值（${row.unit || "比例"}）`}
                  type="number"
                  defaultValue={row.warn}
                />
              </ActionForm>
            ),
          },
        ]}
      />
    </>
  );
}
