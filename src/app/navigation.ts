import type { Actor } from "../platform/auth/actor";
import { ADMINISTRATOR_ROLES, hasAnyRole, type Role } from "../platform/auth/roles";

interface NavItem {
  href: string;
  text: string;
  roles?: readonly Role[];
  /** Other paths under which this item is the current one. */
  alsoFor?: readonly string[];
}

const ITEMS: NavItem[] = [
  { href: "/", text: "Home" },
  { href: "/subjects", text: "Records", roles: ["practitioner", "safeguarding_lead", "ig_lead"] },
  { href: "/disclosures", text: "Sharing", roles: ["practitioner", "safeguarding_lead", "ig_lead"] },
  { href: "/rights", text: "Rights requests", roles: ["ig_lead"] },
  { href: "/agreements", text: "Agreements" },
  { href: "/organisations", text: "Organisations" },
  { href: "/users", text: "Users", roles: ADMINISTRATOR_ROLES },
  { href: "/api-clients", text: "API clients", roles: ADMINISTRATOR_ROLES },
  { href: "/retention", text: "Retention", roles: ["ig_lead", "partnership_admin"] },
  { href: "/breaches", text: "Breaches", roles: ["ig_lead", "auditor"] },
  { href: "/audit", text: "Audit log", roles: ["auditor", "partnership_admin", "ig_lead"] },
  { href: "/background-jobs", text: "Background jobs", roles: ["partnership_admin"] },
];

/** Service navigation for the actor: each role sees only what it can use. */
export function navigationFor(actor: Actor | undefined, currentPath: string) {
  if (!actor) return [];
  return ITEMS.filter((item) => !item.roles || hasAnyRole(actor.roles, item.roles)).map((item) => ({
    href: item.href,
    text: item.text,
    active: item.href === "/" ? currentPath === "/" : [item.href, ...(item.alsoFor ?? [])].some((path) => currentPath.startsWith(path)),
  }));
}
