import type { FastifyReply, FastifySchema } from "fastify";
import type { z } from "zod";

/**
 * A command that makes something a client can then read: 201 Created, the new thing as the body,
 * and a `Location` header naming where it is read (RFC 9110 §15.3.2). Written once here for every
 * API route that answers so, both its response in the document and the reply.
 *
 * The location is a path, such as `/api/v1/subjects/{id}`, which the client resolves against the
 * address it called (RFC 9110 allows a relative reference). The configured public URL is an origin
 * with no path, so under it the path names the same resource, and a partner system that calls
 * Safeshare at an address inside its own network is not sent elsewhere. It never comes from the
 * request's Host header.
 */

/** The route's 201: `schema` as the body, with the `Location` header naming `where`, such as "the concern". */
export const createdResponse = <T extends z.ZodType>(schema: T, where: string) => ({
  description: "Created",
  headers: {
    Location: {
      type: "string",
      format: "uri-reference",
      description: `Where a GET reads ${where}: a path, resolved against the address called`,
    },
  },
  content: { "application/json": { schema } },
});

/** Answers 201 with `location` in the Location header and `body` as the response. */
export function created<T>(reply: FastifyReply, location: string, body: T): T {
  reply.status(201).header("location", location);
  return body;
}

type DeclaredResponses = Record<string, { headers?: unknown } | undefined>;

/**
 * fastify-type-provider-zod's transform keeps a response's description and content but drops its
 * headers, which @fastify/swagger would write into the document: they are put back from the route.
 */
export function withResponseHeaders(declared: FastifySchema | undefined, transformed: FastifySchema): FastifySchema {
  const responses = declared?.response as DeclaredResponses | undefined;
  if (!responses || !transformed.response) return transformed;
  const response = Object.fromEntries(
    Object.entries(transformed.response as Record<string, object>).map(([status, written]) => {
      const headers = responses[status]?.headers;
      return [status, headers ? { ...written, headers } : written];
    }),
  );
  return { ...transformed, response };
}

type Document = { paths?: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, object> }> }>> };

/**
 * A response header the API declares is one it always sends, so the document says it is required:
 * @fastify/swagger writes only a header's schema and description.
 */
export function requireResponseHeaders<T>(document: T): T {
  for (const operations of Object.values((document as Document).paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const { headers = {} } of Object.values(operation.responses ?? {})) {
        for (const [name, header] of Object.entries(headers)) headers[name] = { ...header, required: true };
      }
    }
  }
  return document;
}
