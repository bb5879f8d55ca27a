import { describe, expect, it } from "vitest";
import { memorySettings } from "@/lib/db/embedded";

const GiB = 2 ** 30;

describe("embedded PostgreSQL memory settings", () => {
  it("gives the buffers a quarter of the machine's memory and maintenance a thirty-second", () => {
    expect(memorySettings(8 * GiB)).toEqual({ sharedBuffersMiB: 2048, maintenanceWorkMemMiB: 256 });
  });

  it("keeps PostgreSQL's defaults as the floor on a small machine", () => {
    expect(memorySettings(GiB / 4)).toEqual({ sharedBuffersMiB: 128, maintenanceWorkMemMiB: 64 });
  });

  it("stops at 4 GB of buffers and 1 GB for maintenance on a large one", () => {
    expect(memorySettings(24 * GiB)).toEqual({ sharedBuffersMiB: 4096, maintenanceWorkMemMiB: 768 });
    expect(memorySettings(256 * GiB)).toEqual({ sharedBuffersMiB: 4096, maintenanceWorkMemMiB: 1024 });
  });
});
