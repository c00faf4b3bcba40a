/** The api-clients feature's public face: partner systems' clients, their tokens, and the bearer authentication of the API (issue 20). */
export { bearerTokenPlugin } from "./web/bearer-plugin";
export { apiClientPages } from "./web/pages";
