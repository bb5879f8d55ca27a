// GET /admin/interaction/:id – one letter for its handlers and reviewers: the original with the
import Link from "next/link";
// writer's details, how each due date was computed, the replies, and the steps this user may take.
import { orPageError, requireActor } from "../../guard";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DueDerivation } from "@/components/admin/due-derivation";
import { LetterSteps } from "./letter-steps";
import { SelectLetterForm } from "./select-letter-form";
import { AdoptReplyForm } from "./adopt-reply-form";
import { getReplyAdoption } from "@/lib/interaction/qa/adoption";
import { RelayDeliveries } from "./relay-deliveries";
import { NationalEntry } from "./national-entry";

const t = messages.interaction;
const n = t.national;

export default async function LetterPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const letter = await orPageError(getLetter(actor, (await params).id));
  const clock = letter.clock as Record<string, Parameters<typeof DueDerivation>[0]["derivation"]>;
  return (
    <>
      <p>
        <Link href="/admin/interaction">返回留言列表</Link>
      </p>
      <h1>{letter.title}</h1>
      <dl className="letter-facts">
        <dt>查询码</dt>
        <dd>{letter.queryCode}</dd>
        <dt>状态</dt>
        <dd>{t.states[letter.state]}</dd>
        <dt>类型</dt>
        <dd>
          {letter.typeName}（{letter.siteName}，受理单位：{letter.typeUnitName}）
        </dd>
        <dt>来源</dt>
        <dd>
          {t.channels[letter.channel]}
          {letter.relay ? `（经互动接入“${letter.relay.relayName}”，消息编号 ${letter.relay.messageId ?? "—"}）` : ""}
        </dd>
        {letter.externalRef && !letter.relay ? (
          <>
            <dt>{letter.channel === "NATIONAL" ? n.externalRef : "来源编号"}</dt>
            <dd>{letter.externalRef}</dd>
          </>
        ) : null}
        <dt>{letter.channel === "NATIONAL" ? n.forwardedAt : "来信时间"}</dt>
        <dd>{formatDateTime(letter.receivedAt)}</dd>
        <dt>受理期限</dt>
        <dd>
          {formatDateTime(letter.acceptDueAt)}
          {clock.accept ? <DueDerivation derivation={clock.accept} /> : null}
        </dd>
        {letter.acceptedAt ? (
          <>
            <dt>受理时间</dt>
            <dd>{formatDateTime(letter.acceptedAt)}</dd>
          </>
        ) : null}
        {letter.replyDueAt ? (
          <>
            <dt>{t.lookup.replyDueAt(letter.reworkCount + 1)}</dt>
            <dd>
              {formatDateTime(letter.replyDueAt)}
              {clock.reply ? <DueDerivation derivation={clock.reply} /> : null}
            </dd>
          </>
        ) : null}
        {letter.answeredAt ? (
          <>
            <dt>答复时间</dt>
            <dd>{formatDateTime(letter.answeredAt)}</dd>
          </>
        ) : null}
        <dt>是否同意公开</dt>
        <dd>{letter.channel === "NATIONAL" ? n.consentNotAsked : letter.consentToPublish ? "同意" : "不同意"}</dd>
        {letter.pageUrl ? (
          <>
            <dt>出错页面</dt>
            <dd>{letter.pageUrl}</dd>
          </>
        ) : null}
        {letter.rejectRoute ? (
          <>
            <dt>不予受理</dt>
            <dd>
              {t.rejectRoutes[letter.rejectRoute]}：{letter.rejectReason}
            </dd>
          </>
        ) : null}
        {letter.rating ? (
          <>
            <dt>满意度</dt>
            <dd>
              {t.ratings[letter.rating]}
              {letter.reworkCount ? "（已申请重办）" : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="letter-writer">
        <h2 id="letter-writer">来信人（仅办理人员可见）</h2>
        <p>
          {letter.writer.name ?? n.writerMissing}　电话：{letter.writer.phone ?? n.writerMissing}
          {letter.writer.idNumber ? `　身份证号码：${letter.writer.idNumber}` : ""}
          {letter.writer.email ? `　电子邮箱：${letter.writer.email}` : ""}
        </p>
      </section>
      <section aria-labelledby="letter-content">
        <h2 id="letter-content">留言内容</h2>
        <p className="letter-body">{letter.content}</p>
        {letter.attachments.length ? (
          <p>
            附件：
            {letter.attachments.map((file) => (
              <span key={file.id}>
                <a href={`/admin/interaction/${letter.id}/attachments/${file.id}`}>{file.fileName}</a>（
                {Math.ceil(file.size / 1024)} KB）{" "}
              </span>
            ))}
          </p>
        ) : null}
      </section>
      {letter.assignments.length ? (
        <section aria-labelledby="letter-units">
          <h2 id="letter-units">承办单位</h2>
          <p>
            {letter.assignments
              .map((assignment) => `${assignment.unitName}${assignment.lead ? "（主办）" : "（协办）"}`)
              .join("、")}
          </p>
        </section>
      ) : null}
      {letter.extensions.length ? (
        <section aria-labelledby="letter-extensions">
          <h2 id="letter-extensions">延期</h2>
          <ol>
            {letter.extensions.map((extension) => (
              <li key={extension.id}>
                {formatDateTime(extension.requestedAt)} {extension.requestedBy} 申请延期 {extension.workingDays}{" "}
                个工作日：{extension.reason} · {t.extensionStatus[extension.status]}
                {extension.decidedAt
                  ? `（${extension.decidedBy}，${formatDateTime(extension.decidedAt)}${extension.decisionComment ? `：${extension.decisionComment}` : ""}）`
                  : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {letter.replies.length ? (
        <section aria-labelledby="letter-replies">
          <h2 id="letter-replies">答复</h2>
          <ol>
            {letter.replies.map((reply) => (
              <li key={reply.id}>
                <p>
                  第 {reply.round} 次答复 · {reply.unitName} · {t.replyStatus[reply.status]} · 起草：{reply.author}
                  {reply.reviewer ? ` · 审核：${reply.reviewer}` : ""}
                  {reply.reviewedAt ? ` · ${formatDateTime(reply.reviewedAt)}` : ""}
                </p>
                <p className="letter-body">{reply.body}</p>
                {reply.reviewComment ? <p>审核意见：{reply.reviewComment}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {letter.relay ? <RelayDeliveries relay={letter.relay} /> : null}
      <LetterSteps letter={letter} />
      <NationalEntry letter={letter} />
      <SelectLetterForm letter={letter} />
      <AdoptReplyForm
        letterId={letter.id}
        published={letter.publicCopy === "PUBLISHED"}
        adoption={await getReplyAdoption(actor, letter.id)}
      />
    </>
  );
}
