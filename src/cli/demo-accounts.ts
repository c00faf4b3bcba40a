import { DEMO_PASSWORD, type DemoAccount } from "../demo/seed-demo";
import { ROLE_LABELS } from "../platform/auth/roles";

export function printDemoAccounts(accounts: DemoAccount[]): void {
  console.log("\nDemo partnership seeded (fictional people and organisations). Sign in with any of:");
  for (const a of accounts) {
    console.log(`  ${a.email.padEnd(40)} ${a.roles.map((r) => ROLE_LABELS[r]).join(", ")} — ${a.organisation}`);
  }
  console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
  console.log("IG leads and administrators are asked to set up an authenticator app at first sign-in.\n");
}
