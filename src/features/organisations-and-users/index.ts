/** The organisations-and-users feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { organisationsApi } from "./api/organisations/routes";
export { usersApi } from "./api/users/routes";
export { sendInvitationJob } from "./services/invitations";
export { loadOrganisationsWork } from "./services/load-work";
export { createOrganisation, loadOrganisations } from "./services/organisations";
export { createUser } from "./services/users";
export { organisationPages } from "./web/organisations";
export { userPages } from "./web/users";
