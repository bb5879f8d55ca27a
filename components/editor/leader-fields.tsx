import type { JSONContent } from "@tiptap/react";
import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import { TitleImageField } from "./title-image-field";
import type { FieldErrors, LeaderDraft } from "./editor-types";

// 领导之窗: the leader's card (姓名, 职务, 分工, 照片, 排序); the rich-text body above is the 简历.
// The photo is picked like 标题图片: from the asset library, with its focal point.

export const EMPTY_LEADER: LeaderDraft = { name: "", post: "", duties: "", rank: 0 };

const labels = messages.contentKinds.leader;
const PHOTO = { legend: labels.photo, id: "leaderPhoto", errorPath: "metadata.leader.photo" };

type Props = {
  leader: LeaderDraft | undefined;
  body: JSONContent;
  errors: FieldErrors;
  update: (patch: Partial<LeaderDraft>) => void;
  disabled: boolean;
};

export function LeaderFields({ leader = EMPTY_LEADER, body, errors, update, disabled }: Props) {
  return (
    <fieldset className="leader-fields" disabled={disabled}>
      <legend>{labels.legend}</legend>
      <div className="field">
        <label htmlFor="leaderName">{labels.name}</label>
        <input
          id="leaderName"
          value={leader.name}
          aria-invalid={Boolean(errors["metadata.leader.name"])}
          onChange={(event) => update({ name: event.target.value })}
        />
        <FieldError errors={errors} name="metadata.leader.name" />
      </div>
      <div className="field">
        <label htmlFor="leaderPost">{labels.post}</label>
        <input
          id="leaderPost"
          placeholder="如 区委副书记、区政府区长"
          value={leader.post}
          aria-invalid={Boolean(errors["metadata.leader.post"])}
          onChange={(event) => update({ post: event.target.value })}
        />
        <FieldError errors={errors} name="metadata.leader.post" />
      </div>
      <div className="field">
        <label htmlFor="leaderDuties">{labels.duties}</label>
        <textarea
          id="leaderDuties"
          rows={4}
          aria-describedby="leaderDuties-hint"
          value={leader.duties ?? ""}
          onChange={(event) => update({ duties: event.target.value })}
        />
        <span className="hint" id="leaderDuties-hint">
          每项分工一行
        </span>
        <FieldError errors={errors} name="metadata.leader.duties" />
      </div>
      <div className="field">
        <label htmlFor="leaderRank">{labels.rank}</label>
        <input
          id="leaderRank"
          type="number"
          min={0}
          max={999}
          step={1}
          aria-describedby="leaderRank-hint"
          value={leader.rank ?? 0}
          onChange={(event) => update({ rank: event.target.value === "" ? 0 : Number(event.target.value) })}
        />
        <span className="hint" id="leaderRank-hint">
          数字小的排在前面（如区长 1，副区长 2、3……）
        </span>
        <FieldError errors={errors} name="metadata.leader.rank" />
      </div>
      <TitleImageField
        image={leader.photo}
        body={body}
        errors={errors}
        onChange={(photo) => update({ photo })}
        as={PHOTO}
      />
      <FieldError errors={errors} name="metadata.leader" />
    </fieldset>
  );
}
