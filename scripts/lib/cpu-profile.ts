// Reads a V8 CPU profile (`node --cpu-prof`) and sums the self time of each function: where the
// process spent its time, the first thing to read when making a path faster.
import fs from "node:fs/promises";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type Frame = { frame: string; selfMs: number; percent: number };

export function topSelfTime(profile: Profile, count = 25): Frame[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
    const frame = `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
    self.set(frame, (self.get(frame) ?? 0) + delta);
    total += delta;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, micros]) => ({
      frame,
      selfMs: Math.round(micros / 1000),
      percent: Number(((micros / total) * 100).toFixed(1)),
    }));
}

export async function readProfile(file: string): Promise<Profile> {
  return JSON.parse(await fs.readFile(file, "utf8")) as Profile;
}
