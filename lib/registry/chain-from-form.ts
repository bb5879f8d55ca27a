/**
 * The chain from the configuration form: rows `steps.N.name|role|scope|order|remove`; removed and
 * blank rows are dropped, the rest sorted by their order number (then by row).
 */
export function chainFromForm(
  form: Record<string, unknown>,
  rows = 10,
): { name: unknown; role: unknown; scope: unknown }[] {
  const picked: { order: number; index: number; step: { name: unknown; role: unknown; scope: unknown } }[] = [];
  for (let index = 0; index < rows; index += 1) {
    const get = (field: string) => form[`steps.${index}.${field}`];
    if (get("remove") === "on") continue;
    const name = String(get("name") ?? "").trim();
    const role = String(get("role") ?? "");
    if (!name && !role) continue;
    const order = Number(get("order"));
    picked.push({
      order: Number.isFinite(order) ? order : index + 1,
      index,
      step: { name, role, scope: get("scope") },
    });
  }
  return picked.sort((a, b) => a.order - b.order || a.index - b.index).map((entry) => entry.step);
}
