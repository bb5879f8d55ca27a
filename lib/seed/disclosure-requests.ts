import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DisclosureApplicantType, DisclosureEventKind } from "@/lib/db/generated/enums";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { blocksToDoc } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { getAssetStore } from "@/lib/library/asset-store";
import { ZStages } from "@/lib/review/stages";
import { chinaToday } from "@/lib/time/china";
import { SAMPLE_NOTE, sampleTitle } from "@/lib/seed/sample-text";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { computeClock, endOfWorkingDaysAfter, type ClockPause } from "@/lib/disclosure/clock";
import { loadWorkCalendar } from "@/lib/disclosure/guard";
import { draftNotice } from "@/lib/disclosure/notice-template";
import { perPageFee } from "@/lib/disclosure/fees";

// A handful of 政府信息公开申请 to the district, so the office's pages are not empty: one just
// received, one waiting for its 补正, one extended after a third-party consultation and a paid
// 信息处理费, and one answered 部分公开 whose 告知书 passed the unit's review and was delivered. Dates
// count back in working days from the seed's `now`; the clocks are computed as the office's steps
// compute them. (Applicants' passwords are random: the demo applicant pages are reached by applying.)

type Actors = { officer: string; head: string; deputy: string; reviewer: string };

/** A 1×1 PNG standing in for a scanned identity card. */
const IDENTITY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

type Applicant = {
  applicantType: DisclosureApplicantType;
  applicantName: string;
  idDocumentKind: string;
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  email?: string;
  address?: string;
};

type RequestSeed = {
  applicant: Applicant;
  infoTitle: string;
  infoNumber?: string;
  infoDescription: string;
  mediumWanted: string;
  deliveryWanted: string;
  /** Working days before today it was received (10:00 China time). */
  receivedBack: number;
};

const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+08:00`);

export async function seedDisclosureRequests(
  tx: Tx,
  input: { siteId: string; unitId: string; unitName: string; now: Date },
) {
  const users = await tx.user.findMany({
    where: { username: { in: ["disclosure", "disclosure-head", "deputy", "reviewer"] } },
    select: { id: true, username: true },
  });
  const id = (username: string) => users.find((user) => user.username === username)!.id;
  const actors: Actors = {
    officer: id("disclosure"),
    head: id("disclosure-head"),
    deputy: id("deputy"),
    reviewer: id("reviewer"),
  };
  const calendar = await loadWorkCalendar(tx);
  const today = chinaToday(input.now);
  const dayBack = (n: number) => addWorkingDays(calendar, today, -n);

  async function create(seed: RequestSeed, data: Partial<Prisma.DisclosureRequestUncheckedCreateInput>) {
    const receivedOn = dayBack(seed.receivedBack);
    const receivedAt = at(receivedOn);
    const request = await tx.disclosureRequest.create({
      data: {
        siteId: input.siteId,
        unitId: input.unitId,
        trackingCode: newQueryCode(receivedAt),
        passwordHash: await hashLetterPassword(newLetterPassword()),
        ...seed.applicant,
        infoTitle: seed.infoTitle,
        infoNumber: seed.infoNumber ?? null,
        infoDescription: seed.infoDescription,
        mediumWanted: seed.mediumWanted,
        deliveryWanted: seed.deliveryWanted,
        receiptChannel: "ONLINE",
        arrivedAt: receivedAt,
        receivedAt,
        clockStart: receivedAt,
        dueAt: receivedAt,
        clock: {},
        nextAlertAt: input.now,
        ...data,
      },
    });
    await tx.disclosureEvent.create({
      data: { requestId: request.id, kind: "SUBMITTED", at: receivedAt, data: { channel: "ONLINE" } },
    });
    return { request, receivedOn, receivedAt };
  }

  async function setClock(requestId: string, facts: Parameters<typeof computeClock>[1]) {
    const { dueAt, derivation } = computeClock(calendar, facts);
    await tx.disclosureRequest.update({
      where: { id: requestId },
      data: { dueAt, clock: derivation, clockStart: at(derivation.start, "00:00") },
    });
  }

  async function event(
    requestId: string,
    kind: DisclosureEventKind,
    day: string,
    note?: string,
    actorId = actors.officer,
  ) {
    await tx.disclosureEvent.create({ data: { requestId, kind, at: at(day, "15:00"), actorId, note: note ?? null } });
  }

  // 1. Just received, with its identity document.
  const storageKey = "disclosure/demo-identity.png";
  await getAssetStore().put(storageKey, IDENTITY_PNG, "image/png");
  const received = await create(
    {
      applicant: {
        applicantType: "NATURAL_PERSON",
        applicantName: "刘建国",
        idDocumentKind: "居民身份证",
        idNumber: "500106198203154218",
        phone: "13983012345",
        email: "liujianguo@example.cn",
      },
      infoTitle: "2026年沙坪坝区义务教育阶段公办学校招生划片范围",
      infoDescription: "申请公开2026年沙坪坝区义务教育阶段公办小学、初中的招生划片范围及确定依据。",
      mediumWanted: "电子数据",
      deliveryWanted: "电子邮件",
      receivedBack: 1,
    },
    {
      attachments: {
        create: [
          {
            purpose: "IDENTITY",
            fileName: "身份证正面.png",
            mimeType: "image/png",
            size: IDENTITY_PNG.byteLength,
            sha256: "demo-identity",
            storageKey,
          },
        ],
      },
    },
  );
  await setClock(received.request.id, { receivedOn: received.receivedOn, pauses: [], extendedDays: 0 });

  // 2. 补正 pending: the notice went out two working days after receipt, 10 working days to answer.
  const unclear = await create(
    {
      applicant: {
        applicantType: "BUSINESS",
        applicantName: "重庆渝新物业服务有限公司",
        idDocumentKind: "统一社会信用代码",
        idNumber: "91500106MA60XY2K3B",
        legalRepresentative: "王德明",
        phone: "023-65201234",
        address: "重庆市沙坪坝区小龙坎正街 88 号",
      },
      infoTitle: "小区公共收益使用情况",
      infoDescription: "申请公开辖区内小区公共收益的使用情况。",
      mediumWanted: "纸质文本",
      deliveryWanted: "邮寄",
      receivedBack: 4,
    },
    {},
  );
  const noticeDay = dayBack(2);
  const correctionNotice =
    "您申请的“小区公共收益使用情况”描述不够明确，请补正：所涉及小区的名称及所在街道、需要公开的时间范围（年度）。";
  await tx.disclosureRequest.update({
    where: { id: unclear.request.id },
    data: {
      state: "CORRECTION",
      registeredAt: at(unclear.receivedOn, "16:00"),
      registeredById: actors.officer,
      correctionNotice,
      correctionAt: at(noticeDay, "15:00"),
      correctionDueAt: endOfWorkingDaysAfter(calendar, at(noticeDay, "15:00"), 10),
    },
  });
  await event(unclear.request.id, "CORRECTION_REQUESTED", noticeDay, correctionNotice);
  await setClock(unclear.request.id, {
    receivedOn: unclear.receivedOn,
    correction: { requestedOn: noticeDay, correctedOn: null },
    pauses: [],
    extendedDays: 0,
  });

  // 3. Extended: a third party consulted for 5 working days, a fee of 120 pages paid, 15 more
  //    working days approved by the office head.
  const extended = await create(
    {
      applicant: {
        applicantType: "LEGAL_SERVICE",
        applicantName: "重庆嘉陵律师事务所",
        idDocumentKind: "统一社会信用代码",
        idNumber: "31500000MD0123456X",
        legalRepresentative: "赵宏",
        phone: "023-68801234",
        email: "office@jialinglaw.example.cn",
      },
      infoTitle: "沙坪坝区井口片区旧城改造项目房屋征收补偿方案及批复文件",
      infoNumber: "沙府征〔2025〕12号",
      infoDescription: "申请公开井口片区旧城改造项目的房屋征收补偿方案、征收决定及其批复文件。",
      mediumWanted: "纸质文本",
      deliveryWanted: "当面领取",
      receivedBack: 22,
    },
    {},
  );
  const registeredOn = dayBack(21);
  const consultFrom = dayBack(19);
  const consultTo = dayBack(14);
  const feeFrom = dayBack(12);
  const feeTo = dayBack(9);
  const askedOn = dayBack(6);
  const approvedOn = dayBack(5);
  const quote = perPageFee(120);
  await tx.disclosureRequest.update({
    where: { id: extended.request.id },
    data: { state: "REGISTERED", registeredAt: at(registeredOn), registeredById: actors.officer },
  });
  await event(extended.request.id, "REGISTERED", registeredOn);
  const thirdParty = "重庆井口城市更新建设有限公司";
  await tx.disclosurePause.create({
    data: {
      requestId: extended.request.id,
      kind: "THIRD_PARTY",
      party: thirdParty,
      reason: "补偿方案附件含实施单位的合同报价，可能涉及商业秘密",
      startedAt: at(consultFrom),
      limitAt: endOfWorkingDaysAfter(calendar, at(consultFrom), 15),
      endedAt: at(consultTo, "16:00"),
      startedById: actors.officer,
      endedById: actors.officer,
      outcome: "第三方同意公开，报价部分除外",
    },
  });
  await event(extended.request.id, "PAUSE_STARTED", consultFrom, `征求${thirdParty}意见`);
  await event(extended.request.id, "PAUSE_ENDED", consultTo, "第三方同意公开，报价部分除外");
  const feePause = await tx.disclosurePause.create({
    data: {
      requestId: extended.request.id,
      kind: "FEE_NOTICE",
      party: "申请人",
      reason: `信息处理费 ${quote.amountYuan} 元（${quote.calculation}）`,
      startedAt: at(feeFrom),
      limitAt: endOfWorkingDaysAfter(calendar, at(feeFrom), 20),
      endedAt: at(feeTo, "11:00"),
      startedById: actors.officer,
      endedById: actors.officer,
      outcome: "已缴费",
    },
  });
  await tx.disclosureFee.create({
    data: {
      requestId: extended.request.id,
      basis: quote.basis,
      quantity: quote.quantity,
      amountYuan: quote.amountYuan,
      calculation: quote.calculation,
      noticeAt: at(feeFrom),
      payDueAt: feePause.limitAt,
      paidAt: at(feeTo, "11:00"),
      pauseId: feePause.id,
      createdById: actors.officer,
    },
  });
  await event(extended.request.id, "FEE_NOTICE", feeFrom, quote.calculation);
  await event(extended.request.id, "FEE_PAID", feeTo);
  await tx.disclosureExtension.create({
    data: {
      requestId: extended.request.id,
      workingDays: 15,
      reason: "所需文件分存于区住房城乡建委和街道，需调取 2019 年以来的档案并逐页审查",
      requestedById: actors.officer,
      requestedAt: at(askedOn),
      status: "APPROVED",
      decidedById: actors.head,
      decidedAt: at(approvedOn),
      decisionComment: "同意延期 15 个工作日，请告知申请人",
      notifiedAt: at(approvedOn),
    },
  });
  await event(extended.request.id, "EXTENSION_REQUESTED", askedOn, "申请延期 15 个工作日");
  await event(extended.request.id, "EXTENSION_DECIDED", approvedOn, "同意延期 15 个工作日", actors.head);
  await event(extended.request.id, "EXTENSION_NOTIFIED", approvedOn, undefined, actors.head);
  const pauses: ClockPause[] = [
    {
      kind: "THIRD_PARTY",
      reason: "补偿方案附件含实施单位的合同报价，可能涉及商业秘密",
      from: consultFrom,
      to: consultTo,
      open: false,
    },
    {
      kind: "FEE_NOTICE",
      reason: `信息处理费 ${quote.amountYuan} 元（${quote.calculation}）`,
      from: feeFrom,
      to: feeTo,
      open: false,
    },
  ];
  await setClock(extended.request.id, { receivedOn: extended.receivedOn, pauses, extendedDays: 15 });

  // 4. Answered 部分公开: the 告知书 drafted from the template, reviewed by the unit's workflow and
  //    delivered by e-mail.
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
  return 4;
}
