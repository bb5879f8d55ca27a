import type { PreviewChoices, PreviewTarget } from "@/lib/sites/preview/targets";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.preview;

function bySite(targets: PreviewTarget[]): [string, PreviewTarget[]][] {
  const groups = new Map<string, PreviewTarget[]>();
  for (const target of targets) groups.set(target.siteName, [...(groups.get(target.siteName) ?? []), target]);
  return [...groups];
}

/**
 * 预览 in each placed site's template: one button per site and column, each posting to
 * /admin/preview, which issues a signed short-lived link (audited) and opens it in a new tab.
 * Placed nowhere yet, an editor chooses one of the columns they could place it in; with nothing
 * to preview at all the button stays, disabled, with the reason beside it.
 * `pinRevision`: preview the revision the choices were made for (the one under review);
 * otherwise whatever is the latest revision when the button is pressed.
 */
export function PreviewLinks({
  resourceId,
  choices,
  pinRevision = false,
}: {
  resourceId: string;
  choices: PreviewChoices;
  pinRevision?: boolean;
}) {
  return (
    <section className="card preview-links" aria-labelledby="preview-links-title">
      <h2 id="preview-links-title">{t.heading}</h2>
      <p className="preview-hint">{t.hint.replace("{minutes}", String(choices.minutes))}</p>
      {choices.reason && choices.candidates.length ? (
        <form method="post" action="/admin/preview" target="_blank">
          <p id="preview-links-reason">{choices.reason}</p>
          <input type="hidden" name="resourceId" value={resourceId} />
          {pinRevision && choices.revision ? (
            <input type="hidden" name="revisionId" value={choices.revision.id} />
          ) : null}
          <label>
            {t.chooseColumn}{" "}
            <select name="columnId" required>
              {bySite(choices.candidates).map(([siteName, columns]) => (
                <optgroup key={siteName} label={siteName}>
                  {columns.map((column) => (
                    <option key={column.columnId} value={column.columnId}>
                      {column.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>{" "}
          <button type="submit">{t.previewInColumn}</button>
        </form>
      ) : choices.reason ? (
        <p>
          <button type="button" disabled aria-describedby="preview-links-reason">
            {t.button}
          </button>{" "}
          <span id="preview-links-reason">{choices.reason}</span>
        </p>
      ) : (
        <ul>
          {choices.targets.map((target) => (
            <li key={target.columnId}>
              <span>{target.label}</span>
              <form method="post" action="/admin/preview" target="_blank">
                <input type="hidden" name="resourceId" value={resourceId} />
                {pinRevision && choices.revision ? (
                  <input type="hidden" name="revisionId" value={choices.revision.id} />
                ) : null}
                <input type="hidden" name="columnId" value={target.columnId} />
                <button type="submit" aria-label={`${t.button}：${target.label}`}>
                  {t.button}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
