import { useCallback, useEffect, useRef, useState } from "react";
import { formatChinaTime } from "@/lib/time/china";

// Every few seconds the working copy is autosaved to the server (and once more when the tab is
// hidden or closed), so a closed tab or crashed browser loses seconds at most. An autosave is not
// a revision; a failed one is retried with the next tick.

const AUTOSAVE_MS = 4000;

export function useAutosave({
  payload,
  enabled,
  restoredAt,
}: {
  payload: () => unknown;
  enabled: boolean;
  restoredAt: string | null;
}) {
  const dirty = useRef(false);
  const [status, setStatus] = useState<string | null>(
    restoredAt ? `已恢复 ${formatChinaTime(new Date(restoredAt))} 自动保存的内容（尚未保存为修订）` : null,
  );

  const autosave = useCallback(
    async (keepalive = false) => {
      if (!dirty.current || !enabled) return;
      dirty.current = false;
      try {
        const response = await fetch("/api/library/autosave", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload()),
          keepalive,
        });
        if (response.ok) setStatus(`已自动保存 ${formatChinaTime(new Date())}`);
        else dirty.current = true;
      } catch {
        dirty.current = true;
      }
    },
    [payload, enabled],
  );

  useEffect(() => {
    const timer = setInterval(() => void autosave(), AUTOSAVE_MS);
    const onHide = () => void autosave(true);
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [autosave]);

  return {
    /** What the last autosave did, for the status line. */
    status,
    /** The working copy changed: the next tick saves it. */
    markDirty: useCallback(() => {
      dirty.current = true;
    }, []),
    /** Saved as a revision: nothing left to autosave. */
    markSaved: useCallback(() => {
      dirty.current = false;
      setStatus(null);
    }, []),
  };
}
