// mammoth reports what it could not carry over from a .docx in English; the editor who imported
// the document reads each of them here in Chinese, with what happened to the content, once per
// distinct message (repeats are counted).

type MammothMessage = { type: string; message: string; error?: unknown };

const RULES: { pattern: RegExp; say: (match: RegExpExecArray) => string }[] = [
  {
    pattern: /^Unrecognised paragraph style: '(.*)' \(Style ID: (.*)\)$/,
    say: (match) => `段落样式“${match[1] || match[2]}”无法识别，这些段落已按正文导入，请核对格式。`,
  },
  {
    pattern: /^Unrecognised run style: '(.*)' \(Style ID: (.*)\)$/,
    say: (match) => `文字样式“${match[1] || match[2]}”无法识别，这些文字已按普通文字导入。`,
  },
  {
    pattern: /^(paragraph|run|table) style with ID (.*) was referenced but not defined in the document$/,
    say: (match) => `文档引用了不存在的样式“${match[2]}”，相关内容已按默认格式导入。`,
  },
  {
    pattern: /^An unrecognised element was ignored: (.*)$/,
    say: (match) => `文档中有无法识别的内容（${match[1]}）已略去，请对照原文核对。`,
  },
  {
    pattern: /^Image of type (.*) is unlikely to display in web browsers$/,
    say: (match) => `有图片为 ${match[1]} 格式，浏览器无法显示，请在原文中另存为 PNG 或 JPG 后重新插入。`,
  },
  {
    pattern:
      /^(Could not find image file for a:blip element|A v:imagedata element without a relationship ID was ignored)$/,
    say: () => "有一张图片在文档中找不到图片数据，未能导入，请对照原文补插。",
  },
  {
    pattern: /cell merging may be incorrect$/,
    say: () => "有表格结构不规整，合并单元格可能与原文不同，请核对表格。",
  },
  {
    pattern: /^Unsupported break type: (.*)$/,
    say: (match) => `不支持的分隔符（${match[1]}）已略去。`,
  },
  {
    pattern: /^A w:sym element with an unsupported character was ignored/,
    say: () => "有特殊符号（Word 符号字体）无法转换，已略去，请对照原文补录。",
  },
  {
    pattern: /complex field (end|separator) character/,
    say: () => "有域代码（如自动编号、目录）结构不完整，仅导入了其显示文字。",
  },
];

/** One Chinese sentence per mammoth message. */
export function translateDocxMessage(message: MammothMessage): string {
  for (const rule of RULES) {
    const match = rule.pattern.exec(message.message);
    if (match) return rule.say(match);
  }
  return message.type === "error"
    ? "导入时有一处内容出错，已略去，请对照原文核对。"
    : `导入时有一处内容未能完整转换，请对照原文核对（${message.message}）。`;
}

/** Distinct Chinese warnings, in order of first appearance, repeats counted. */
export function translateDocxMessages(messages: readonly MammothMessage[]): string[] {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const text = translateDocxMessage(message);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, count]) => (count > 1 ? `${text}（共 ${count} 处）` : text));
}
