import type { PublicInteractionType } from "@/lib/interaction/list-types";
import { messages } from "@/lib/i18n/zh-CN";
import "./letter-form.css";

// The 政民互动 / 互动交流 column's own page: the message types this site accepts, who handles each
// and in what time, and the way to write.

const t = messages.interaction.entry;

function limits(type: PublicInteractionType): string {
  const reply = type.replyHours
    ? t.replyWithinHours(type.replyHours)
    : type.replyWorkingDays
      ? t.replyWithinDays(type.replyWorkingDays)
      : null;
  return [t.acceptWithin(type.acceptWorkingDays), reply].filter(Boolean).join("，");
}

export function InteractionEntry({ types }: { types: PublicInteractionType[] }) {
  if (types.length === 0) return <p className="empty">{t.none}</p>;
  return (
    <div className="interaction-entry">
      <p>{t.intro}</p>
      <p>
        <a className="button-inline" href="/interaction/write">
          {t.write}
        </a>{" "}
        <a className="button-inline" href="/interaction/lookup">
          {t.lookup}
        </a>{" "}
        <a className="button-inline" href="/interaction/letters">
          {t.letters}
        </a>{" "}
        <a className="button-inline" href="/interaction/statistics">
          {t.statistics}
        </a>{" "}
        <a className="button-inline" href="/interaction/consultations">
          {messages.consult.public.list}
        </a>
      </p>
      <h2>{t.types}</h2>
      <ul className="interaction-types">
        {types.map((type) => (
          <li key={type.code}>
            <h3>{type.name}</h3>
            <p>{type.description}</p>
            <p className="item-meta">
              {t.handledBy}：{type.unitName}　{t.limits}：{limits(type)}
            </p>
            <a href={`/interaction/write?type=${type.code}`}>
              {t.write}（{type.name}）
            </a>
          </li>
        ))}
      </ul>
      <p className="notice">{t.outOfScope}</p>
    </div>
  );
}
