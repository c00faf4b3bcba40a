/**
 * Why a client stopped: an administrator revoked it; the agreement it serves left force; the person
 * answering for it left (deactivated). An expired client is not revoked: its end date speaks for it.
 */
export const REVOCATION_REASONS = ["revoked", "agreement_not_in_force", "responsible_person_left"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
