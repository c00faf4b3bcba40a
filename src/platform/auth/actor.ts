import type { Role } from "./roles";

/** The signed-in person on whose behalf a request runs. Every scoped query starts from one. */
export interface Actor {
  userId: string;
  name: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  /**
   * Set when a partner system calls the API with its token (issue 20): the request is the client's,
   * acting with the roles it was given that its responsible person (`userId`, `name`) still holds.
   * Audit events carry both, so a call is traced to the system and to the person who answers for it.
   */
  apiClient?: { id: string; name: string; agreement: { id: string; reference: string } | null };
}
