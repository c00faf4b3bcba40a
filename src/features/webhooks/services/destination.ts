import { BlockList, isIP } from "node:net";

/**
 * Addresses a webhook may not be delivered to unless local delivery is allowed: this machine, private
 * networks and link-local (cloud metadata lives at 169.254.169.254). Checked on the address the name
 * resolves to at delivery time, so an endpoint cannot be pointed inside the network by its DNS (SSRF,
 * OWASP ASVS 5.2.6).
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  INTERNAL.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::1", 128],
  ["::", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  INTERNAL.addSubnet(net, prefix, "ipv6");
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const v4Mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4Mapped) return INTERNAL.check(v4Mapped, "ipv4");
  return INTERNAL.check(address, family === 4 ? "ipv4" : "ipv6");
}
