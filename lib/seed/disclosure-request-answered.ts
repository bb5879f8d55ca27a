import { blocksToDoc } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { ZStages } from "@/lib/review/stages";
import { SAMPLE_NOTE, sampleTitle } from "@/lib/seed/sample-text";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { draftNotice } from "@/lib/disclosure/notice-template";
import { at, type RequestSeeder } from "@/lib/seed/disclosure-request-seeder";

/**
 * The fourth demo request (lib/seed/disclosure-requests.ts), answered 部分公开: the 告知书 drafted
 * from the template, reviewed by the unit's workflow and delivered by e-mail.
 */
export async function seedAnsweredRequest({
  tx,
  input,
  actors,
  today,
  dayBack,
  create,
  setClock,
  event,
}: RequestSeeder) {
  const answered = await create(
    {
      applicant: {
        applicantType: "NATURAL_PERSON",
        applicantName: "陈晓梅",
        idDocumentKind: "居民身份证",
        idNumber: "500106199005204524",
        phone: "13708312345",
        email: "chenxiaomei@example.cn",
      },
      infoTitle: "2025年度沙坪坝区老旧小区改造项目清单及资金安排",
      infoDescription: "申请公开2025年度沙坪坝区老旧小区改造项目清单、各项目资金安排及施工单位。",
      mediumWanted: "电子数据",
      deliveryWanted: "电子邮件",
      receivedBack: 18,
    },
    {},
  );
  const answerRegistered = dayBack(17);
  const draftedOn = dayBack(9);
  const deliveredOn = dayBack(7);
  const documentNumber = `沙府办依申请〔${today.slice(0, 4)}〕3号`;
  const body =
    "经检索，本机关掌握2025年度老旧小区改造项目清单及各项目资金安排，现予以提供（见附件）。其中施工单位与项目业主签订的合同单价涉及第三方商业秘密，根据《中华人民共和国政府信息公开条例》第十五条、第三十七条的规定，不予公开，其余内容予以公开。";
  const notice = draftNotice({
    applicantName: "陈晓梅",
    trackingCode: answered.request.trackingCode,
    receivedOn: answered.receivedOn,
    correctedOn: null,
    extendedDays: 0,
    consulted: [],
    infoTitle: answered.request.infoTitle,
    infoNumber: null,
    mediumWanted: "电子数据",
    deliveryWanted: "电子邮件",
    answerType: "PARTIAL",
    body,
    referTo: null,
  });
  const { resource, instance, contentHash } = await submitRecordForReview(
    tx,
    {
      kind: "DISCLOSURE_NOTICE",
      ownerOrgId: input.unitId,
      previousId: null,
      // Marked 示例 like every sample item (the demo's notice is not a real answer).
      title: sampleTitle(notice.title),
      body: blocksToDoc([...notice.blocks, { type: "paragraph", text: SAMPLE_NOTE }]),
      metadata: ZRevisionMetadata.parse({ source: { type: "original" }, summary: `部分公开　${documentNumber}` }),
      columnId: null,
    },
    { id: actors.officer, role: "DISCLOSURE_OFFICER" },
    {},
  );
  // Signed by the district's check reviewer (every check) and its 直接责任人, as the workflow asks.
  const stages = ZStages.parse(instance.stages).filter((stage) => stage.condition === "ALWAYS");
  for (const stage of stages) {
    const signer = stage.type === "CHECKS" ? actors.reviewer : actors.deputy;
    const role = stage.type === "CHECKS" ? "CHECK_REVIEWER" : "DIRECT_RESPONSIBLE";
    for (const check of stage.checks.length ? stage.checks : [null])
      await tx.signOff.create({
        data: {
          instanceId: instance.id,
          stagePosition: stage.position,
          stageName: stage.name,
          check,
          userId: signer,
          role,
          decision: "APPROVE",
          contentHash,
          at: at(dayBack(8)),
        },
      });
  }
  await tx.reviewInstance.update({
    where: { id: instance.id },
    data: { status: "APPROVED", currentStage: -1, completedAt: at(dayBack(8)) },
  });
  await tx.resource.update({ where: { id: resource.id }, data: { state: "APPROVED" } });
  await tx.disclosureAnswer.create({
    data: {
      requestId: answered.request.id,
      answerType: "PARTIAL",
      documentNumber,
      body,
      resourceId: resource.id,
      status: "DELIVERED",
      draftedById: actors.officer,
      draftedAt: at(draftedOn),
      approvedAt: at(dayBack(8)),
      deliveredAt: at(deliveredOn),
      deliveredById: actors.officer,
      deliveryMethod: "电子邮件",
    },
  });
  await tx.disclosureRequest.update({
    where: { id: answered.request.id },
    data: {
      state: "DELIVERED",
      registeredAt: at(answerRegistered),
      registeredById: actors.officer,
      answerType: "PARTIAL",
      concludedAt: at(deliveredOn),
      nextAlertAt: null,
    },
  });
  await event(answered.request.id, "REGISTERED", answerRegistered);
  await event(answered.request.id, "ANSWER_DRAFTED", draftedOn, documentNumber);
  await event(answered.request.id, "ANSWER_SUBMITTED", draftedOn);
  await event(answered.request.id, "ANSWER_APPROVED", dayBack(8), undefined, actors.deputy);
  await event(answered.request.id, "DELIVERED", deliveredOn, "电子邮件");
  await setClock(answered.request.id, { receivedOn: answered.receivedOn, pauses: [], extendedDays: 0 });
}
