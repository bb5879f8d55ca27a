// Reads a V8 CPU profile (`node --cpu-prof`) and sums the self time of each function: where the
// process spent its time, the first thing to read when making a path faster.
import fs from "node:fs/promises";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime?: number };

export type Frame = { frame: string; selfMs: number; percent: number };

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
}

export function topSelfTime(profile: Profile, count = 25): Frame[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node) return;
    const frame = frameName(node);
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

/** Where a frame's code comes from: a package, the app's bundle, Node itself, or V8 (GC, idle). */
function moduleOf(url: string): string {
  const file = url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  if (!file) return "(native: V8, GC, idle, system calls)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  if (file.startsWith("node:")) return "node";
  if (file.startsWith(".next/")) return ".next (the app's bundle)";
  return file;
}

/** Self time summed by where the code comes from (moduleOf). */
export function selfTimeByModule(profile: Profile, count = 15): Frame[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node) return;
    const name = node.callFrame.functionName === "(idle)" ? "(idle)" : moduleOf(node.callFrame.url);
    self.set(name, (self.get(name) ?? 0) + delta);
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

/**
 * Total (inclusive) time of each function: the samples with it anywhere on the stack, each counted
 * once however deep the recursion. What a call costs with everything it calls.
 */
export function topTotalTime(profile: Profile, count = 40): { frame: string; totalMs: number; percent: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const frame = frameName(node);
      if (seen.has(frame)) continue;
      seen.add(frame);
      totals.set(frame, (totals.get(frame) ?? 0) + delta);
    }
  });
  return [...totals]
    .filter(([frame]) => !frame.startsWith("(root)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, micros]) => ({
      frame,
      totalMs: Math.round(micros / 1000),
      percent: Number(((micros / total) * 100).toFixed(1)),
    }));
}

/**
 * The samples taken from `fromMicros` on (process.hrtime's monotonic clock, in microseconds, which
 * V8's profile timestamps share on Linux): a profile without the start-up before it.
 */
export function profileSince(profile: Profile, fromMicros: number): Profile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime ?? 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromMicros) return;
    samples.push(id);
    timeDeltas.push(profile.timeDeltas[index] ?? 0);
  });
  return { ...profile, samples, timeDeltas };
}

export async function readProfile(file: string): Promise<Profile> {
  return JSON.parse(await fs.readFile(file, "utf8")) as Profile;
}
