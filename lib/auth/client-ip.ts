import { BlockList, isIP } from "node:net";
import { getEnv, type TrustedProxy } from "@/lib/env";

// The one place a request's client address is decided: for audit events, sessions and the sign-in
// throttle. Forwarding headers are written by whoever sent the request, so they are believed only
// when the connection comes from a configured proxy (TRUSTED_PROXIES), and then only back to the
// first hop that is not itself a trusted proxy.

/**
 * The connection's own address, set by the portal server (scripts/server.ts) on every request it
 * hands to Next.js, replacing any value the client sent under this name.
 */
export const PEER_ADDRESS_HEADER = "x-tongyuan-peer-address";

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function readHeader(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) ? value.map(String).join(", ") : null;
}

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) → "10.0.0.1"; anything not an IP → null. */
export function normalizeIp(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : null;
}

export function trustedProxyList(ranges: readonly TrustedProxy[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.address, range.prefix, range.family);
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

export type ClientIpInput = { peer: string | null; forwardedFor: string | null; realIp: string | null };

/**
 * The client's address. Without a known peer nothing can be trusted (null). A peer that is not a
 * trusted proxy is the client. From a trusted proxy, X-Forwarded-For is walked right to left past
 * trusted hops; the first untrusted address is the client. A malformed hop ends the walk at the
 * nearest address known to be real (the proxy that passed it on). X-Real-IP counts only when a
 * trusted proxy sent no X-Forwarded-For.
 */
export function resolveClientIp(input: ClientIpInput, trusted: BlockList): string | null {
  const peer = normalizeIp(input.peer);
  if (!peer || !isTrusted(trusted, peer)) return peer;
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return normalizeIp(input.realIp) ?? peer;
  let nearest = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeIp(hops[index]);
    if (!hop) return nearest;
    if (!isTrusted(trusted, hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

let cachedList: { ranges: readonly TrustedProxy[]; list: BlockList } | undefined;

function configuredTrustedProxies(): BlockList {
  const ranges = getEnv().TRUSTED_PROXIES;
  if (cachedList?.ranges !== ranges) cachedList = { ranges, list: trustedProxyList(ranges) };
  return cachedList.list;
}

/**
 * The client address from the three facts a request carries, with the configured proxies. Without
 * any trusted proxy the peer is the client, and no address check is made (BlockList.check builds
 * a SocketAddress per call: the visit counter's largest cost per view before #29).
 */
export function clientIpFrom(input: ClientIpInput): string | null {
  if (getEnv().TRUSTED_PROXIES.length === 0) return normalizeIp(input.peer);
  return resolveClientIp(input, configuredTrustedProxies());
}

/** The client address of a request, from its headers (a Fetch `Headers` or a plain header record). */
export function getClientIp(headers: HeaderSource): string | null {
  return resolveClientIp(
    {
      peer: readHeader(headers, PEER_ADDRESS_HEADER),
      forwardedFor: readHeader(headers, "x-forwarded-for"),
      realIp: readHeader(headers, "x-real-ip"),
    },
    configuredTrustedProxies(),
  );
}

/** Who sent a request, as audit events record it. */
export function getRequestContext(headers: HeaderSource): { ip: string | null; userAgent: string | null } {
  return { ip: getClientIp(headers), userAgent: readHeader(headers, "user-agent") };
}
