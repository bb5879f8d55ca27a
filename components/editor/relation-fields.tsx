import { useState } from "react";
import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import type { Choice, FieldErrors, MetadataDraft, RelationKind } from "./editor-types";

// 关联文件: what a policy revises, repeals or is based on, and which policies an interpretation
// interprets. Only policy documents may revise or repeal (the server checks it too).

type Relation = NonNullable<MetadataDraft["relations"]>[number];

const RELATION_LABELS: Record<RelationKind, string> = messages.relations;

type Props = {
  kind: string;
  relations: Relation[];
  choices: Choice[];
  errors: FieldErrors;
  onChange: (relations: Relation[]) => void;
};

export function RelationFields({ kind, relations, choices, errors, onChange }: Props) {
  return (
    <div className="relations">
      <p>关联文件</p>
      <ul>
        {relations.map((relation, index) => (
          <li key={`${relation.kind}-${relation.targetId}`}>
            {RELATION_LABELS[relation.kind]}：
            {choices.find((choice) => choice.value === relation.targetId)?.label ?? relation.targetId}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(relations.filter((_, i) => i !== index))}
            >
              移除
            </button>
          </li>
        ))}
      </ul>
      <RelationPicker kind={kind} choices={choices} onAdd={(relation) => onChange([...relations, relation])} />
      <FieldError errors={errors} name="metadata.relations" />
    </div>
  );
}

function RelationPicker({
  kind,
  choices,
  onAdd,
}: {
  kind: string;
  choices: Choice[];
  onAdd: (relation: Relation) => void;
}) {
  const kinds: readonly RelationKind[] =
    kind === "INTERPRETATION" ? ["INTERPRETS", "BASED_ON"] : ["REVISES", "REPEALS", "BASED_ON"];
  const [relationKind, setRelationKind] = useState<RelationKind>(kinds[0]!);
  const [targetId, setTargetId] = useState("");
  return (
    <div className="relation-picker">
      <label htmlFor="relationKind">关系</label>
      <select
        id="relationKind"
        value={relationKind}
        onChange={(event) => setRelationKind(kinds.find((value) => value === event.target.value) ?? kinds[0]!)}
      >
        {kinds.map((value) => (
          <option key={value} value={value}>
            {RELATION_LABELS[value]}
          </option>
        ))}
      </select>
      <label htmlFor="relationTarget">政策文件</label>
      <select id="relationTarget" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
        <option value="">请选择</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button-inline"
        disabled={!targetId}
        onClick={() => {
          onAdd({ kind: relationKind, targetId });
          setTargetId("");
        }}
      >
        添加关联
      </button>
    </div>
  );
}
