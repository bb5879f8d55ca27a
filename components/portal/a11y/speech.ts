// 语音朗读 through the browser's own speech synthesis (Web Speech API): nothing leaves the
// visitor's machine, no external service is called. A small external store, so the toolbar shows
// whether it is reading, paused or could not read, and 指读 and the toolbar share one voice.

/** `blocked`: the browser reads aloud only after the visitor has interacted with the page. */
export type SpeechStatus = "idle" | "speaking" | "paused" | "unsupported" | "failed" | "blocked";

/** Longer utterances are cut off by some engines (Chrome stops after about 15 seconds). */
const MAX_CHUNK = 120;
const SENTENCE_END = /[^。！？；!?;\n]*[。！？；!?;\n]+|[^。！？；!?;\n]+$/g;

/**
 * The text cut into utterances no longer than `max` characters: at sentence ends, then at commas,
 * then anywhere; whitespace runs collapsed, empty pieces dropped.
 */
export function splitForSpeech(text: string, max: number = MAX_CHUNK): string[] {
  const chunks: string[] = [];
  for (const line of text.split(/\n+/)) {
    const sentences = line.replace(/\s+/g, " ").trim().match(SENTENCE_END) ?? [];
    let current = "";
    for (const piece of sentences.flatMap((sentence) => cut(sentence.trim(), max))) {
      if (current && current.length + piece.length > max) {
        chunks.push(current);
        current = "";
      }
      current += piece;
    }
    if (current) chunks.push(current);
  }
  return chunks.filter((chunk) => chunk.trim().length > 0);
}

function cut(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const comma = Math.max(window.lastIndexOf("，"), window.lastIndexOf("、"), window.lastIndexOf(","));
    const at = comma > 0 ? comma + 1 : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** A Mandarin voice of mainland China first, then any Chinese voice; none leaves it to the browser. */
export function pickVoice<Voice extends { lang: string; localService?: boolean }>(
  voices: readonly Voice[],
): Voice | undefined {
  const lang = (voice: Voice) => voice.lang.replace("_", "-").toLowerCase();
  return (
    voices.find((voice) => lang(voice) === "zh-cn" && voice.localService) ??
    voices.find((voice) => lang(voice) === "zh-cn") ??
    voices.find((voice) => /^(zh|cmn)(-hans)?(-|$)/.test(lang(voice)))
  );
}

export function isSpeechSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.speechSynthesis?.speak === "function" &&
    typeof window.SpeechSynthesisUtterance === "function"
  );
}

const listeners = new Set<() => void>();
let status: SpeechStatus = "idle";
let session = 0;

function setStatus(next: SpeechStatus) {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export function subscribeSpeech(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const speechStatus = () => status;
export const serverSpeechStatus = (): SpeechStatus => "idle";

/** Reads the text aloud (zh-CN), replacing whatever was being read. */
export function speak(text: string) {
  if (!isSpeechSupported()) return setStatus("unsupported");
  const synthesis = window.speechSynthesis;
  session += 1;
  const current = session;
  synthesis.cancel();
  const chunks = splitForSpeech(text);
  if (chunks.length === 0) return setStatus("idle");
  const voice = pickVoice(synthesis.getVoices());
  chunks.forEach((chunk, index) => {
    const utterance = new SpeechSynthesisUtterance(chunk);
    utterance.lang = "zh-CN";
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    utterance.onerror = (event) => {
      // Cancelling (a new reading, 停止) interrupts the queue: not a failure.
      if (current !== session || event.error === "interrupted" || event.error === "canceled") return;
      session += 1;
      synthesis.cancel();
      setStatus(event.error === "not-allowed" ? "blocked" : "failed");
    };
    if (index === chunks.length - 1)
      utterance.onend = () => {
        if (current === session) setStatus("idle");
      };
    synthesis.speak(utterance);
  });
  setStatus("speaking");
}

export function pauseSpeech() {
  if (status !== "speaking" || !isSpeechSupported()) return;
  window.speechSynthesis.pause();
  setStatus("paused");
}

export function resumeSpeech() {
  if (status !== "paused" || !isSpeechSupported()) return;
  window.speechSynthesis.resume();
  setStatus("speaking");
}

export function stopSpeech() {
  session += 1;
  if (isSpeechSupported()) window.speechSynthesis.cancel();
  setStatus("idle");
}
