// 智能问答: a question as people type it (社保卡丢了怎么补办？) → the words that carry its meaning
// (社保卡 丢 补办). The question forms (怎么, 如何, 在哪里, 需要什么 …) and particles say *that* it
// is a question, not what about, and would otherwise count as words to find; each is replaced by a
// break, so the words around it are not read as one (卡丢 is no word of any answer).

/** Question forms and fillers, longest first where one holds another. */
const QUESTION_FORMS = [
  "请问一下",
  "请问",
  "你好",
  "您好",
  "麻烦问一下",
  "想问一下",
  "问一下",
  "想咨询",
  "咨询一下",
  "我想知道",
  "我想",
  "我要",
  "我们",
  "我家",
  "我的",
  // What kind of answer is wanted, not what about: 有什么具体要求, 有哪些规定, 怎么做好.
  "有什么具体要求",
  "有哪些具体要求",
  "具体要求",
  "有什么要求",
  "有哪些要求",
  "有何要求",
  "什么要求",
  "是怎么要求的",
  "怎么要求",
  "有哪些规定",
  "有什么规定",
  "是怎么规定的",
  "怎么规定",
  "要怎么做",
  "怎么做好",
  "如何做好",
  "怎么做",
  "应该怎么办",
  "该怎么办",
  "怎么办理",
  "如何办理",
  "怎样办理",
  "怎么办",
  "怎么样",
  "怎么",
  "如何",
  "怎样",
  "咋办",
  "咋",
  "在哪里",
  "在哪儿",
  "去哪里",
  "去哪儿",
  "到哪里",
  "哪里",
  "哪儿",
  "在哪",
  "去哪",
  "需要什么",
  "需要哪些",
  "要什么",
  "有哪些",
  "有什么",
  "是什么",
  "什么",
  "哪些",
  "多少钱",
  "多少",
  "多久",
  "多长时间",
  "几天",
  "能不能",
  "可不可以",
  "能否",
  "是否",
  "可以",
  "能够",
  "需要",
  "应该",
  "还能",
  "一下",
  "吗",
  "呢",
  "吧",
  "啊",
  "呀",
  "嘛",
  "哦",
  "了",
  "的",
  "我",
  "你",
  "您",
].sort((a, b) => b.length - a.length);

/** Words a form's characters may start that are not the form (了 in 了解, 的 in 的确, 可以 in 不可以 is fine). */
const KEEP = ["了解", "的确", "目的", "哪些方面"];

/** Spoken forms written as the documents write them, before 了 and the rest become breaks. */
const SPOKEN: [RegExp, string][] = [
  [/(弄)?丢了|掉了|找不到了/g, " 丢失 "],
  [/(弄)?坏了/g, " 损坏 "],
  [/过期了/g, " 过期 "],
  [/换了/g, " 变更 "],
];

const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

/** The question as shown and stored: NFKC, control characters and runs of blank collapsed, trimmed. */
export function cleanQuestion(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The words of a question, with question forms, particles and punctuation turned into breaks
 * (one space between words). Empty when the question is nothing but its form.
 */
export function questionWords(text: string): string {
  let out = cleanQuestion(text).replace(PUNCTUATION, " ");
  for (const [spoken, written] of SPOKEN) out = out.replace(spoken, written);
  const kept: string[] = [];
  out = out.replace(new RegExp(KEEP.join("|"), "g"), (word) => {
    kept.push(word);
    return `\u0001${kept.length - 1}\u0001`;
  });
  for (const form of QUESTION_FORMS) out = out.split(form).join(" ");
  out = out.replace(/\u0001(\d+)\u0001/g, (_, index: string) => kept[Number(index)]!);
  return out.replace(/\s+/g, " ").trim();
}

/**
 * What questions asked alike share (社保卡丢了怎么补办 and 社保卡丢了如何补办？): their words
 * without breaks, lower-cased: the curation list keeps one row per key and site.
 */
export function questionKey(text: string): string {
  const words = questionWords(text).replace(/\s+/g, "").toLowerCase();
  return words || cleanQuestion(text).replace(PUNCTUATION, "").toLowerCase();
}
