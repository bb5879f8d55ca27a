import { describe, expect, it } from "vitest";
import { normalizeIp, resolveClientIp, trustedProxyList } from "@/lib/auth/client-ip";
import { ConfigError, parseEnv } from "@/lib/env";

// The pure part of the client address (issue #21 item 10): X-Forwarded-For is believed only from
// configured proxies, walked right to left past trusted hops.

const trusted = (value: string) => trustedProxyList(parseEnv({ TRUSTED_PROXIES: value }).TRUSTED_PROXIES);
const none = trusted("");

describe("TRUSTED_PROXIES", () => {
  it("is empty by default and parses IPs and CIDR ranges of both families", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: " 10.0.0.1, 172.16.0.0/12 ,fd00::/8,::1" }).TRUSTED_PROXIES).toEqual([
      { address: "10.0.0.1", prefix: 32, family: "ipv4" },
      { address: "172.16.0.0", prefix: 12, family: "ipv4" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
      { address: "::1", prefix: 128, family: "ipv6" },
    ]);
  });

  it.each(["proxy.example", "10.0.0.1/33", "10.0.0.0/8/1", "300.1.1.1", "10.0.0.0/x", "::1/129"])(
    "refuses %s, naming the variable",
    (value) => {
      expect(() => parseEnv({ TRUSTED_PROXIES: value })).toThrow(ConfigError);
      try {
        parseEnv({ TRUSTED_PROXIES: value });
      } catch (error) {
        expect((error as ConfigError).issues[0]!.variable).toBe("TRUSTED_PROXIES");
      }
    },
  );
});

describe("resolveClientIp", () => {
  it("without trusted proxies takes the connection's address and ignores every forwarding header", () => {
    expect(resolveClientIp({ peer: "203.0.113.9", forwardedFor: "1.2.3.4", realIp: "5.6.7.8" }, none)).toBe(
      "203.0.113.9",
    );
    expect(resolveClientIp({ peer: "::ffff:127.0.0.1", forwardedFor: "1.2.3.4", realIp: null }, none)).toBe(
      "127.0.0.1",
    );
  });

  it("knows nothing without a connection address, whatever the headers claim", () => {
    expect(
      resolveClientIp({ peer: null, forwardedFor: "1.2.3.4", realIp: "5.6.7.8" }, trusted("0.0.0.0/0")),
    ).toBeNull();
    expect(
      resolveClientIp({ peer: "not-an-ip", forwardedFor: "1.2.3.4", realIp: null }, trusted("0.0.0.0/0")),
    ).toBeNull();
  });

  it("from an untrusted peer ignores X-Forwarded-For even when a trusted address is claimed in it", () => {
    expect(
      resolveClientIp({ peer: "198.51.100.1", forwardedFor: "10.0.0.2", realIp: null }, trusted("10.0.0.0/8")),
    ).toBe("198.51.100.1");
  });

  it("walks right to left past trusted hops; a client's forged left-hand entries are never reached", () => {
    const list = trusted("10.0.0.0/8, 192.168.1.1");
    // client forged "1.1.1.1"; the real client 203.0.113.7 was appended by the first proxy.
    expect(
      resolveClientIp({ peer: "10.0.0.5", forwardedFor: "1.1.1.1, 203.0.113.7, 192.168.1.1", realIp: null }, list),
    ).toBe("203.0.113.7");
    expect(resolveClientIp({ peer: "10.0.0.5", forwardedFor: "203.0.113.7", realIp: "9.9.9.9" }, list)).toBe(
      "203.0.113.7",
    );
  });

  it("stops at a malformed hop with the nearest real address, and uses X-Real-IP only without X-Forwarded-For", () => {
    const list = trusted("10.0.0.0/8");
    expect(
      resolveClientIp({ peer: "10.0.0.5", forwardedFor: "203.0.113.7, garbage, 10.0.0.9", realIp: null }, list),
    ).toBe("10.0.0.9");
    expect(resolveClientIp({ peer: "10.0.0.5", forwardedFor: null, realIp: "203.0.113.8" }, list)).toBe("203.0.113.8");
    expect(resolveClientIp({ peer: "10.0.0.5", forwardedFor: null, realIp: "nonsense" }, list)).toBe("10.0.0.5");
    expect(resolveClientIp({ peer: "10.0.0.5", forwardedFor: "10.0.0.7, 10.0.0.6", realIp: null }, list)).toBe(
      "10.0.0.7",
    );
  });

  it("matches IPv6 ranges and normalizes addresses", () => {
    const list = trusted("fd00::/8");
    expect(resolveClientIp({ peer: "fd00::1", forwardedFor: "2001:DB8::1", realIp: null }, list)).toBe("2001:db8::1");
    expect(normalizeIp("[2001:db8::2]")).toBe("2001:db8::2");
    expect(normalizeIp("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("192.0.2.1:443")).toBeNull();
  });
});
