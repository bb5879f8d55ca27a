import { afterEach, describe, expect, it, vi } from "vitest";
import {
  pauseSpeech,
  pickVoice,
  resumeSpeech,
  speak,
  speechStatus,
  splitForSpeech,
  stopSpeech,
} from "@/components/portal/a11y/speech";

// 语音朗读 (issue #24 item 7): what is handed to the browser's speech synthesis, in which pieces and
// voice, and how the toolbar's state follows the browser's answers.

describe("splitForSpeech", () => {
  it("cuts at sentence ends and joins short sentences up to the limit", () => {
    expect(splitForSpeech("第一句。第二句！第三句？", 8)).toEqual(["第一句。第二句！", "第三句？"]);
    expect(splitForSpeech("第一句。第二句！第三句？")).toEqual(["第一句。第二句！第三句？"]);
  });

  it("keeps each paragraph apart and drops empty lines and spacing", () => {
    expect(splitForSpeech("  标题 \n\n\n  正文   第一段。  \n 第二段 ")).toEqual(["标题", "正文 第一段。", "第二段"]);
    expect(splitForSpeech(" \n\t ")).toEqual([]);
  });

  it("cuts a long sentence at commas, then anywhere, never over the limit", () => {
    const sentence = "一二三四五，六七八九十，甲乙丙丁戊己庚辛壬癸子丑寅卯。";
    const chunks = splitForSpeech(sentence, 10);
    expect(chunks.join("")).toBe(sentence);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(10);
    expect(chunks[0]).toBe("一二三四五，");
  });
});

describe("pickVoice", () => {
  const voice = (lang: string, localService = false, name = lang) => ({ lang, localService, name });

  it("prefers a local Mandarin voice of mainland China, then any zh-CN, then any Chinese", () => {
    expect(
      pickVoice([voice("en-US", true), voice("zh-CN", false, "online"), voice("zh-CN", true, "local")])?.name,
    ).toBe("local");
    expect(pickVoice([voice("zh-TW"), voice("zh_CN", false, "underscore")])?.name).toBe("underscore");
    expect(pickVoice([voice("en-GB"), voice("zh-HK")])?.lang).toBe("zh-HK");
    expect(pickVoice([voice("en-US"), voice("ja-JP")])).toBeUndefined();
  });
});

/** A stand-in for the browser's synthesis that records utterances and answers as told. */
function installSynthesis() {
  const spoken: { text: string; lang: string; onend?: () => void; onerror?: (event: { error: string }) => void }[] = [];
  const synthesis = {
    speak: (utterance: (typeof spoken)[number]) => void spoken.push(utterance),
    cancel: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    getVoices: () => [],
  };
  class Utterance {
    lang = "";
    constructor(public text: string) {}
  }
  vi.stubGlobal("window", { speechSynthesis: synthesis, SpeechSynthesisUtterance: Utterance });
  vi.stubGlobal("SpeechSynthesisUtterance", Utterance);
  return { spoken, synthesis };
}

describe("speak", () => {
  afterEach(() => {
    stopSpeech();
    vi.unstubAllGlobals();
  });

  it("says it is unsupported when the browser has no speech synthesis", () => {
    vi.stubGlobal("window", {});
    speak("政务公开");
    expect(speechStatus()).toBe("unsupported");
  });

  it("queues the pieces in zh-CN and is idle after the last one ends", () => {
    const { spoken } = installSynthesis();
    speak(`${"甲".repeat(100)}。${"乙".repeat(100)}。`);
    expect(spoken.map((utterance) => [utterance.text.length, utterance.lang])).toEqual([
      [101, "zh-CN"],
      [101, "zh-CN"],
    ]);
    expect(speechStatus()).toBe("speaking");
    spoken[1]!.onend?.();
    expect(speechStatus()).toBe("idle");
  });

  it("reports a failure of the engine, but not the interruption of a reading it replaced", () => {
    const { spoken } = installSynthesis();
    speak("第一次朗读。");
    speak("第二次朗读。");
    spoken[0]!.onerror?.({ error: "interrupted" });
    spoken[0]!.onerror?.({ error: "synthesis-failed" });
    expect(speechStatus()).toBe("speaking");
    spoken[1]!.onerror?.({ error: "synthesis-failed" });
    expect(speechStatus()).toBe("failed");
  });

  it("tells apart a browser that waits for the visitor's first interaction", () => {
    const { spoken } = installSynthesis();
    speak("指读的段落。");
    spoken[0]!.onerror?.({ error: "not-allowed" });
    expect(speechStatus()).toBe("blocked");
    speak("再读一次。");
    expect(speechStatus()).toBe("speaking");
  });

  it("pauses, resumes and stops through the browser, and ignores what the queue says after a stop", () => {
    const { spoken, synthesis } = installSynthesis();
    resumeSpeech();
    expect(synthesis.resume).not.toHaveBeenCalled();
    speak("第一段。");
    pauseSpeech();
    expect(synthesis.pause).toHaveBeenCalledTimes(1);
    expect(speechStatus()).toBe("paused");
    pauseSpeech();
    expect(synthesis.pause).toHaveBeenCalledTimes(1);
    resumeSpeech();
    expect(synthesis.resume).toHaveBeenCalledTimes(1);
    expect(speechStatus()).toBe("speaking");
    stopSpeech();
    expect(speechStatus()).toBe("idle");
    spoken[0]!.onerror?.({ error: "synthesis-failed" });
    expect(speechStatus()).toBe("idle");
  });

  it("reads nothing for text that is only spacing", () => {
    const { spoken } = installSynthesis();
    speak(" \n ");
    expect(spoken).toEqual([]);
    expect(speechStatus()).toBe("idle");
  });
});
