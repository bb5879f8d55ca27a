// GET /admin/disclosure/[id] – one 政府信息公开申请: the request, its clock and how it was counted,
// its steps, and the forms of the steps its state allows.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getRequest } from "@/lib/disclosure/staff-views";
import { ANSWER_TYPE_ROWS, WITHDRAWAL_TYPES } from "@/lib/disclosure/answer-types";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import {
  archiveAction,
  consultAction,
  correctionAction,
  decideExtensionAction,
  deliverAction,
  draftAnswerAction,
  endConsultAction,
  extensionAction,
  feeAction,
  feePaidAction,
  registerAction,
} from "../actions";

const d = messages.disclosure;
type Props = { params: Promise<{ id: string }> };

const ANSWER_OPTIONS = ANSWER_TYPE_ROWS.filter((row) => !WITHDRAWAL_TYPES.includes(row.type)).map((row) => ({
  value: row.type,
  label: row.shortName,
}));

export default async function DisclosureRequestPage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const request = await orPageError(getRequest(actor, id));
  const hidden = (
    <>
      <input type="hidden" name="requestId" value={request.id} />
      <input type="hidden" name="version" value={request.version} />
    </>
  );
  const state = request.state;
  const openPauses = request.pauses.filter((pause) => !pause.endedAt && pause.kind !== "FEE_NOTICE");
  const pendingExtension = request.extensions.find((extension) => extension.status === "PENDING");
  const unpaid = request.fees.find((fee) => !fee.paidAt);
  const concluded = ["DELIVERED", "ARCHIVED", "WITHDRAWN"].includes(state);
  return (
    <>
      <nav className="breadcrumb">
        <Link href="/admin/disclosure">{d.admin.list}</Link> › {request.trackingCode}
      </nav>
      <h1>{request.infoTitle}</h1>
      <dl className="facts">
        <dt>{d.fields.trackingCode}</dt>
        <dd>{request.trackingCode}</dd>
        <dt>{d.fields.state}</dt>
        <dd data-testid="request-state">{d.states[state]}</dd>
        <dt>{d.fields.unit}</dt>
        <dd>{request.unit.name}</dd>
        <dt>{d.fields.applicantName}</dt>
        <dd>
          {request.applicantName}（{d.applicantTypes[request.applicantType]}）
        </dd>
        <dt>{d.fields.idNumber}</dt>
        <dd>
          {request.idDocumentKind} {request.idNumber}
        </dd>
        <dt>{d.fields.phone}</dt>
        <dd>{request.phone}</dd>
        <dt>{d.fields.infoNumber}</dt>
        <dd>{request.infoNumber ?? "—"}</dd>
        <dt>{d.fields.infoDescription}</dt>
        <dd>{request.infoDescription}</dd>
        {request.correctionText ? (
          <>
            <dt>补正内容</dt>
            <dd>{request.correctionText}</dd>
          </>
        ) : null}
        <dt>
          {d.fields.mediumWanted} / {d.fields.deliveryWanted}
        </dt>
        <dd>
          {request.mediumWanted} / {request.deliveryWanted}
        </dd>
        <dt>{d.fields.receivedAt}</dt>
        <dd>
          {formatDateTime(request.receivedAt)}（{d.channels[request.receiptChannel]}）
        </dd>
        <dt>{d.fields.identity}</dt>
        <dd>
          {request.attachments.length === 0
            ? "—"
            : request.attachments.map((file) => (
                <div key={file.id}>
                  <a href={`/admin/disclosure/${request.id}/identity/${file.id}`} download>
                    {file.fileName}
                  </a>{" "}
                  <small>{d.fields.identityDownload}</small>
                </div>
              ))}
        </dd>
        {request.duplicateOf ? (
          <>
            <dt>重复申请</dt>
            <dd>
              <Link href={`/admin/disclosure/${request.duplicateOf.id}`}>
                {d.duplicateOf(request.duplicateOf.trackingCode)}
              </Link>
            </dd>
          </>
        ) : null}
        {concluded ? null : (
          <>
            <dt>{d.fields.dueAt}</dt>
            <dd data-testid="request-due">{formatDateTime(request.dueAt)}</dd>
          </>
        )}
      </dl>
      <p className="hint" data-testid="clock-derivation">
        {request.clockText}
      </p>

      {request.canHandle && state === "RECEIVED" ? (
        <ActionForm action={registerAction} submitLabel="登记">
          {hidden}
        </ActionForm>
      ) : null}

      {request.canHandle && (state === "RECEIVED" || state === "REGISTERED") && !request.correctionAt ? (
        <section>
          <h2>补正告知</h2>
          <ActionForm action={correctionAction} submitLabel="发出补正告知">
            {hidden}
            <Field name="notice" label="需要补正的事项" type="textarea" required />
            <Field name="workingDays" label="补正期限（工作日）" type="number" defaultValue={10} required />
          </ActionForm>
        </section>
      ) : null}

      {request.canHandle && state === "REGISTERED" ? (
        <>
          <section>
            <h2>征求意见</h2>
            {openPauses.map((pause) => (
              <ActionForm key={pause.id} action={endConsultAction} submitLabel="记录结果">
                {hidden}
                <input type="hidden" name="pauseId" value={pause.id} />
                <p>
                  {d.pauseKinds[pause.kind]}：{pause.party}（至迟 {formatDateTime(pause.limitAt)}）
                </p>
                <Field name="outcome" id={`outcome-${pause.id}`} label="意见结果" required />
              </ActionForm>
            ))}
            <ActionForm action={consultAction} submitLabel="发起征求意见">
              {hidden}
              <Field
                name="kind"
                label="征求对象类别"
                type="select"
                options={[
                  { value: "THIRD_PARTY", label: d.pauseKinds.THIRD_PARTY },
                  { value: "OTHER_AGENCY", label: d.pauseKinds.OTHER_AGENCY },
                ]}
              />
              <Field name="party" label="征求意见对象" required />
              <Field name="reason" label="事由" type="textarea" required />
            </ActionForm>
          </section>
          <section>
            <h2>延期答复</h2>
            {pendingExtension ? (
              <>
                <p>
                  待审批：延期 {pendingExtension.workingDays} 个工作日，理由：{pendingExtension.reason}（申请人：
                  {request.names[pendingExtension.requestedById] ?? ""}）
                </p>
                {request.canDecideExtension && pendingExtension.requestedById !== request.actorId ? (
                  <ActionForm action={decideExtensionAction} submitLabel="提交审批意见">
                    {hidden}
                    <input type="hidden" name="extensionId" value={pendingExtension.id} />
                    <Field
                      name="approve"
                      label="审批意见"
                      type="select"
                      options={[
                        { value: "yes", label: "同意延期" },
                        { value: "no", label: "不同意" },
                      ]}
                    />
                    <Field name="comment" label="意见" type="textarea" />
                  </ActionForm>
                ) : null}
              </>
            ) : (
              <ActionForm action={extensionAction} submitLabel="申请延期">
                {hidden}
                <Field name="workingDays" label="延期（工作日，最长 20）" type="number" required />
                <Field name="reason" label="延期理由" type="textarea" required />
              </ActionForm>
            )}
          </section>
          <section>
            <h2>信息处理费</h2>
            {unpaid ? (
              <ActionForm action={feePaidAction} submitLabel="记录已缴费">
                {hidden}
                <p>
                  待缴费 {unpaid.amountYuan} 元（{unpaid.calculation}），缴费期限 {formatDateTime(unpaid.payDueAt)}
                </p>
              </ActionForm>
            ) : (
              <ActionForm action={feeAction} submitLabel="计算并发出收费通知">
                {hidden}
                <Field
                  name="basis"
                  label="计收方式"
                  type="select"
                  options={[
                    { value: "PER_REQUEST", label: d.feeBases.PER_REQUEST },
                    { value: "PER_PAGE", label: d.feeBases.PER_PAGE },
                  ]}
                />
                <Field name="pages" label="页数（按量计收）" type="number" />
              </ActionForm>
            )}
          </section>
        </>
      ) : null}

      {request.canHandle &&
      (state === "REGISTERED" || state === "REVIEWING") &&
      !request.notice.inReview &&
      !request.notice.approved ? (
        <section>
          <h2>答复（告知书）</h2>
          {request.notice.returned ? <p className="form-error">告知书审核未通过，请修改后重新提交。</p> : null}
          <ActionForm action={draftAnswerAction} submitLabel="生成告知书并提交审核">
            {hidden}
            <Field
              name="answerType"
              label="答复类型"
              type="select"
              options={ANSWER_OPTIONS}
              defaultValue={request.answer?.answerType}
            />
            <Field name="documentNumber" label="告知书文号" defaultValue={request.answer?.documentNumber} required />
            <Field
              name="body"
              label="答复内容（事实与理由）"
              type="textarea"
              defaultValue={request.answer?.body}
              required
            />
            <Field
              name="referTo"
              label="告知的机关或途径（如有）"
              defaultValue={request.answer?.referTo ?? undefined}
            />
          </ActionForm>
        </section>
      ) : null}

      {request.answer ? (
        <section>
          <h2>告知书</h2>
          <p>
            {request.answer.documentNumber}：
            {request.notice.approved
              ? "审核通过"
              : request.notice.inReview
                ? "审核中"
                : d.answerStatuses[request.answer.status]}
            {request.answer.resourceId ? (
              <>
                {" "}
                <Link href={`/admin/library/${request.answer.resourceId}`}>在资源库中查看</Link>
              </>
            ) : null}
          </p>
          {request.canHandle && state === "REVIEWING" && request.notice.approved ? (
            <ActionForm action={deliverAction} submitLabel="送达">
              {hidden}
              <Field name="method" label="送达方式" defaultValue={request.deliveryWanted} required />
            </ActionForm>
          ) : null}
        </section>
      ) : null}

      {request.canHandle && (state === "DELIVERED" || state === "WITHDRAWN") ? (
        <ActionForm action={archiveAction} submitLabel="归档">
          {hidden}
        </ActionForm>
      ) : null}

      <h2>办理过程</h2>
      <ol>
        {request.events.map((event) => (
          <li key={event.id}>
            {formatDateTime(event.at)} {d.events[event.kind]}
            {event.actorId ? `（${request.names[event.actorId] ?? ""}）` : ""}
            {event.note ? `：${event.note}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
