import { getEnv } from "@/lib/env";

// Optional phrasing of 智能问答's answer by an OpenAI-compatible endpoint (QA_LLM_URL; off by
// default). The model is given only the retrieved passages, numbered, and must cite them as [n];
// an answer without a citation, or citing a passage it was not given, is discarded and the
// retrieved answer shown instead. The question and passages are public text; nothing else is sent.

export type Passage = { title: string; text: string; url: string };
export type Phrased = { text: string; citations: { n: number; title: string; url: string }[] };

export type LlmConfig = { url: string; model: string; apiKey?: string; timeoutMs: number };

export function llmConfig(): LlmConfig | null {
  const env = getEnv();
  if (!env.QA_LLM_URL) return null;
  return { url: env.QA_LLM_URL, model: env.QA_LLM_MODEL, apiKey: env.QA_LLM_API_KEY, timeoutMs: env.QA_LLM_TIMEOUT_MS };
}

const SYSTEM = [
  "你是政府网站的智能问答助手。只能依据下面编号的资料回答群众的问题，不得使用资料以外的信息，不得编造。",
  "回答用简体中文，简明准确，不超过 200 字；每一句所依据的资料用方括号编号注明，例如 [1]。",
  "资料不足以回答时，只回答：资料中没有相关内容。",
].join("\n");

export function phrasePrompt(question: string, passages: Passage[]): { role: string; content: string }[] {
  const sources = passages.map((passage, index) => `[${index + 1}] ${passage.title}\n${passage.text}`).join("\n\n");
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: `资料：\n${sources}\n\n问题：${question}` },
  ];
}

/** The model's text, kept only when it cites at least one passage and cites none it was not given. */
export function checkCitations(text: string, passages: Passage[]): Phrased | null {
  const cited = [...text.matchAll(/\[(\d{1,2})\]/g)].map((match) => Number(match[1]));
  if (cited.length === 0) return null;
  if (cited.some((n) => n < 1 || n > passages.length)) return null;
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 1000) return null;
  return {
    text: trimmed,
    citations: [...new Set(cited)]
      .sort((a, b) => a - b)
      .map((n) => ({ n, title: passages[n - 1]!.title, url: passages[n - 1]!.url })),
  };
}

/** The phrased answer, or null (not configured, failed, slow, or without citations). */
export async function phraseAnswer(
  question: string,
  passages: Passage[],
  config: LlmConfig | null = llmConfig(),
): Promise<Phrased | null> {
  if (!config || passages.length === 0) return null;
  try {
    const response = await fetch(`${config.url.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: config.model, temperature: 0, messages: phrasePrompt(question, passages) }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    return typeof content === "string" ? checkCitations(content, passages) : null;
  } catch {
    return null;
  }
}
