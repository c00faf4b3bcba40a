import type { Role } from "./roles";

/** The signed-in person on whose behalf a request runs. Every scoped query starts from one. */
export interface Actor {
  userId: string;
  name: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
}
