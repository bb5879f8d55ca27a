import { ActionForm, Field } from "@/components/admin/action-form";
import type { getLetter } from "@/lib/interaction/handling/get-letter";
import { messages } from "@/lib/i18n/zh-CN";
import { letterStepAction, type LetterStep } from "../actions";

// The steps this user may take on the letter now; each form carries the version it was shown, so
// a step taken meanwhile by someone else is refused rather than overwritten.

const t = messages.interaction;
type Letter = Awaited<ReturnType<typeof getLetter>>;

function Hidden({ letter, step }: { letter: Letter; step: LetterStep }) {
  return (
    <>
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="letterId" value={letter.id} />
      <input type="hidden" name="version" value={letter.version} />
    </>
  );
}

export function LetterSteps({ letter }: { letter: Letter }) {
  const { steps } = letter;
  if (!Object.entries(steps).some(([key, allowed]) => key !== "select" && key !== "platformEntry" && allowed))
    return null;
  return (
    <section aria-labelledby="letter-steps">
      <h2 id="letter-steps">办理</h2>
      {steps.accept ? (
        <>
          <h3>受理</h3>
          <ActionForm action={letterStepAction} submitLabel="受理">
            <Hidden letter={letter} step="accept" />
          </ActionForm>
          <h3>不予受理</h3>
          <ActionForm action={letterStepAction} submitLabel="不予受理" confirm="确定不予受理这件留言？">
            <Hidden letter={letter} step="reject" />
            <Field
              name="route"
              label="类别"
              type="select"
              options={Object.entries(t.rejectRoutes).map(([value, label]) => ({ value, label }))}
            />
            <div className="field">
              <label htmlFor="reject-reason">理由（来信人可见）</label>
              <textarea id="reject-reason" name="reason" rows={3} maxLength={500} />
            </div>
          </ActionForm>
          <h3>重复件</h3>
          <ActionForm action={letterStepAction} submitLabel="合并为重复件">
            <Hidden letter={letter} step="merge" />
            <Field name="intoQueryCode" label="原留言查询码" />
          </ActionForm>
        </>
      ) : null}
      {steps.assign ? (
        <>
          <h3>转办、交办</h3>
          <ActionForm action={letterStepAction} submitLabel="转办">
            <Hidden letter={letter} step="assign" />
            <fieldset className="field">
              <legend>承办单位</legend>
              {letter.unitOptions.map((unit) => (
                <label key={unit.id} className="inline">
                  <input
                    type="checkbox"
                    name="unitIds"
                    value={unit.id}
                    defaultChecked={letter.assignments.some((assignment) => assignment.unitId === unit.id)}
                  />{" "}
                  {unit.name}
                </label>
              ))}
            </fieldset>
            <Field
              name="leadUnitId"
              label="主办单位"
              type="select"
              defaultValue={letter.assignments.find((assignment) => assignment.lead)?.unitId}
              options={letter.unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))}
            />
          </ActionForm>
        </>
      ) : null}
      {steps.draft ? (
        <>
          <h3>起草答复</h3>
          <ActionForm action={letterStepAction} submitLabel="保存答复">
            <Hidden letter={letter} step="save" />
            <div className="field">
              <label htmlFor="reply-body">答复内容</label>
              <textarea id="reply-body" name="body" rows={8} maxLength={5000} defaultValue={letter.draft} />
            </div>
          </ActionForm>
        </>
      ) : null}
      {steps.submit ? (
        <ActionForm action={letterStepAction} submitLabel="提交审核">
          <Hidden letter={letter} step="submit" />
        </ActionForm>
      ) : null}
      {steps.review ? (
        <>
          <h3>答复审核</h3>
          <ActionForm action={letterStepAction} submitLabel="提交审核意见">
            <Hidden letter={letter} step="review" />
            <fieldset className="field">
              <legend>审核意见</legend>
              <label className="inline">
                <input type="radio" name="decision" value="APPROVE" defaultChecked /> 同意答复
              </label>
              <label className="inline">
                <input type="radio" name="decision" value="RETURN" /> 退回修改
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="review-comment">意见（退回时必填）</label>
              <textarea id="review-comment" name="comment" rows={3} maxLength={500} />
            </div>
          </ActionForm>
        </>
      ) : null}
      {steps.requestExtension ? (
        <>
          <h3>申请延期</h3>
          <ActionForm action={letterStepAction} submitLabel="提交延期申请">
            <Hidden letter={letter} step="extend" />
            <Field
              name="workingDays"
              label={`延期工作日数（最多还能延期 ${letter.extensionRoom} 个工作日）`}
              type="number"
            />
            <div className="field">
              <label htmlFor="extension-reason">延期理由</label>
              <textarea id="extension-reason" name="reason" rows={3} maxLength={500} />
            </div>
          </ActionForm>
        </>
      ) : null}
      {steps.decideExtension ? (
        <>
          <h3>延期审批</h3>
          <ActionForm action={letterStepAction} submitLabel="提交审批意见">
            <Hidden letter={letter} step="decideExtension" />
            <input type="hidden" name="extensionId" value={steps.decideExtension} />
            <fieldset className="field">
              <legend>审批意见</legend>
              <label className="inline">
                <input type="radio" name="decision" value="APPROVE" defaultChecked /> 同意延期
              </label>
              <label className="inline">
                <input type="radio" name="decision" value="REFUSE" /> 不同意延期
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="extension-comment">意见（不同意时必填）</label>
              <textarea id="extension-comment" name="comment" rows={3} maxLength={500} />
            </div>
          </ActionForm>
        </>
      ) : null}
    </section>
  );
}
