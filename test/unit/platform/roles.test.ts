import assert from "node:assert/strict";
import { test } from "node:test";
import { grantableRoles, requiresMfa, secondFactorOwed } from "../../../src/platform/auth/roles";

test("MFA is required for IG leads and administrators only", () => {
  assert.equal(requiresMfa(["practitioner"]), false);
  assert.equal(requiresMfa(["safeguarding_lead", "auditor"]), false);
  for (const role of ["ig_lead", "org_admin", "partnership_admin"] as const) assert.equal(requiresMfa(["practitioner", role]), true);
});

test("only partnership admins can create partnership admins", () => {
  assert.ok(grantableRoles(["partnership_admin"]).includes("partnership_admin"));
  assert.ok(!grantableRoles(["org_admin"]).includes("partnership_admin"));
  assert.ok(grantableRoles(["org_admin"]).includes("ig_lead"));
  assert.deepEqual(grantableRoles(["practitioner", "safeguarding_lead"]), []);
});

test("a second factor is owed until one is checked: a code from anyone enrolled, enrolment for a role that needs one", () => {
  assert.equal(secondFactorOwed({ passed: false, enrolled: false, roles: ["practitioner"] }), "none");
  assert.equal(secondFactorOwed({ passed: false, enrolled: true, roles: ["practitioner"] }), "verify", "enrolled by choice");
  assert.equal(secondFactorOwed({ passed: false, enrolled: false, roles: ["practitioner", "ig_lead"] }), "enrol");
  assert.equal(secondFactorOwed({ passed: false, enrolled: true, roles: ["org_admin"] }), "verify");
  assert.equal(secondFactorOwed({ passed: true, enrolled: true, roles: ["org_admin"] }), "none");
});
