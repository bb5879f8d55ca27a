import type { Tx } from "@/lib/db/client";
import { getAssetStore } from "@/lib/library/asset-store";
import { endOfWorkingDaysAfter, type ClockPause } from "@/lib/disclosure/clock";
import { perPageFee } from "@/lib/disclosure/fees";
import { at, makeRequestSeeder, type SeedInput } from "@/lib/seed/disclosure-request-seeder";
import { seedAnsweredRequest } from "@/lib/seed/disclosure-request-answered";

// A handful of 政府信息公开申请 to the district, so the office's pages are not empty: one just
// received, one waiting for its 补正, one extended after a third-party consultation and a paid
// 信息处理费, and one answered 部分公开 whose 告知书 passed the unit's review and was delivered. Dates
// count back in working days from the seed's `now`; the clocks are computed as the office's steps
// compute them. (Applicants' passwords are random: the demo applicant pages are reached by applying.)

/** A 1×1 PNG standing in for a scanned identity card. */
const IDENTITY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export async function seedDisclosureRequests(tx: Tx, input: SeedInput) {
  const seeder = await makeRequestSeeder(tx, input);
  const { actors, calendar, dayBack, create, setClock, event } = seeder;

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

  await seedAnsweredRequest(seeder);
  return 4;
}
