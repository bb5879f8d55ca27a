import { describe, expect, it } from "vitest";
import { applyMasks, findPersonalData, segmentText } from "@/lib/interaction/publish/deidentify";
import { runPrechecks, strictPersonalData } from "@/lib/review/prechecks";

const writer = { name: "王五", phone: "13912345678", idNumber: "11010519491231002X", email: null };
const TEXT = "我是王五，住学府路12号3栋2单元5号，电话13912345678，身份证11010519491231002X，车牌渝A12345。";

describe("留言选登 de-identification", () => {
  it("finds the writer's own data and what the detectors read as personal data", () => {
    const spans = findPersonalData(TEXT, writer);
    expect(spans.map((span) => [span.text, span.label])).toEqual([
      ["王五", "来信人姓名"],
      ["住学府路12号3栋2单元5号", "详细住址"],
      ["13912345678", "来信人电话"],
      ["11010519491231002X", "来信人证件号码"],
      ["渝A12345", "车牌号码"],
    ]);
    expect(
      segmentText(TEXT, spans)
        .map((segment) => segment.text)
        .join(""),
    ).toBe(TEXT);
  });

  it("masks every occurrence, longest first, keeping the length", () => {
    expect(applyMasks("王五说：王五明天来。王五一家", ["王五", "王五一家"])).toBe("＊＊说：＊＊明天来。＊＊＊＊");
    expect(applyMasks("无需遮蔽", [])).toBe("无需遮蔽");
  });

  it("reads a plate number only as a whole word and makes personal data blocking for a public letter", () => {
    expect(runPrechecks("渝A12345").map((finding) => finding.kind)).toEqual(["plate_number"]);
    expect(runPrechecks("编号X渝A123456789").filter((finding) => finding.kind === "plate_number")).toEqual([]);
    const findings = strictPersonalData(runPrechecks("电话13912345678，据小道消息"));
    expect(findings.map((finding) => [finding.kind, finding.level])).toEqual([
      ["mobile_number", "block"],
      ["sensitive_word", "warn"],
    ]);
  });
});
