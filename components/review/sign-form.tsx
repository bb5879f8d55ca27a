import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";

type Action = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;

/**
 * 我的审核意见: one form for everything the reader may sign of the current stage. For a check
 * stage, a box for each check they hold (all ticked): one decision signs every ticked check,
 * each recorded as its own sign-off bound to the content hash.
 */
export function SignForm({
  action,
  instanceId,
  contentHash,
  stage,
  checks,
}: {
  action: Action;
  instanceId: string;
  contentHash: string;
  stage: { position: number; name: string; type: string };
  /** The checks the reader may sign now (code and name); empty for a stage without checks. */
  checks: { code: string; name: string }[];
}) {
  const isChecks = stage.type === "CHECKS";
  const label = isChecks ? (checks.length === 1 ? checks[0]!.name : "所选关口") : stage.name;
  return (
    <ActionForm action={action} submitLabel={`签署${label}`}>
      <input type="hidden" name="instanceId" value={instanceId} />
      <input type="hidden" name="stagePosition" value={stage.position} />
      <input type="hidden" name="contentHash" value={contentHash} />
      {isChecks ? (
        <>
          <input type="hidden" name="form" value="checks" />
          {checks.map((check) => (
            <input key={check.code} type="hidden" name={`name:${check.code}`} value={check.name} />
          ))}
          <CheckboxGroup
            name="checks"
            legend="签署的关口（可一次签署多个关口，每个关口分别记录）"
            options={checks.map((check) => ({ value: check.code, label: check.name }))}
            checked={checks.map((check) => check.code)}
          />
        </>
      ) : null}
      <Field
        id="decision"
        name="decision"
        label="审核意见"
        type="select"
        defaultValue="APPROVE"
        options={Object.entries(messages.decisions).map(([value, text]) => ({ value, label: text }))}
      />
      <Field id="reason" name="reason" label="理由（退回或不予发布时必填）" />
    </ActionForm>
  );
}
