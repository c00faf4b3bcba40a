import path from "node:path";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import view from "@fastify/view";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import nunjucks from "nunjucks";
import type { $ZodType } from "zod/v4/core";
import { bearerTokenPlugin } from "../features/api-clients";
import type { SessionPolicy } from "../features/sign-in";
import { sessionPlugin } from "../features/sign-in";
import type { TrustProxy } from "../platform/config";
import { appSecret } from "../platform/crypto/app-secrets";
import type { Database } from "../platform/db/client";
import { COOKIE_OPTIONS, CSRF_COOKIE } from "../platform/http/auth/session-cookie";
import { requireResponseHeaders, withResponseHeaders } from "../platform/http/created";
import { raiseRouterError, registerErrorHandling, rerouteFrameworkError } from "../platform/http/errors";
import { registerRateLimit } from "../platform/http/rate-limit";
import { refusingUnknownFields } from "../platform/http/unknown-fields";
import { packageDir, publicDir, STATIC_PREFIX, viewDirs } from "../platform/web-kit/views";
import { auditAccessDenied } from "./access-denied";
import { apiRoutes } from "./api-routes";
import { allJobs } from "./jobs";
import { navigationFor } from "./navigation";
import { configureNunjucks } from "./nunjucks";
import { webRoutes } from "./web-routes";

export interface AppOptions {
  database: Database;
  session: SessionPolicy;
  /** Which proxies' X-Forwarded-* to believe (SAFESHARE_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** The public base URL (config.publicUrl): documents the app serves name things by it, never by the request's Host. */
  publicUrl: string;
  /** Sign-in attempts allowed per client address, and per account, per minute (ASVS 2.2.1). */
  signInRateLimit?: number;
  logger?: FastifyServerOptions["logger"];
  /** A request unanswered after this long is answered 503 (config.requestTimeoutMs); default one minute. */
  requestTimeoutMs?: number;
  /**
   * Safeshare has a mail server (SAFESHARE_SMTP_URL), so invitations and the public form's
   * acknowledgement go by email; without one an invitation's link is shown to the administrator.
   */
  sendsEmail?: boolean;
  /** Webhook addresses may be plain http://localhost (config.allowLocalWebhooks); off unless configured. */
  allowLocalWebhooks?: boolean;
  /** Send the server's own time per request in `Server-Timing` (config.serverTiming); off unless configured. */
  serverTiming?: boolean;
}

export type App = FastifyInstance;

/**
 * SAFESHARE_TRUST_PROXY as fastify takes it. Addresses and ranges go as they are. A hop count
 * becomes a function trusting that many hops nearest us, because fastify now refuses a bare count
 * (it cannot check that the nearest hop is really a proxy): the client address is then the one the
 * last `hops` proxies saw, never the leftmost entry, which a client writes itself.
 */
function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return trust;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { db } = options.database;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    frameworkErrors: rerouteFrameworkError,
    // Fastify answers a handler still running after this long with a 503 (FST_ERR_HANDLER_TIMEOUT),
    // so no request waits on the database for as long as an outage lasts. Well above the slowest
    // page (an access pack PDF of thousands of items, about 2 s) and the statement timeout.
    handlerTimeout: options.requestTimeoutMs ?? 60_000,
  }).withTypeProvider<ZodTypeProvider>();
  // An API body refuses fields its schema does not declare (refusingUnknownFields); pages declare no
  // body schema, and their forms post fields no schema names (`_csrf`, the button pressed).
  app.setValidatorCompiler<$ZodType>((route) =>
    validatorCompiler(
      route.httpPart === "body" && route.url.startsWith("/api/") ? { ...route, schema: refusingUnknownFields(route.schema) } : route,
    ),
  );
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
  });
  // Nothing Safeshare answers may be kept by a browser's or a proxy's cache (ASVS 8.2.1): API
  // responses and pages hold personal data, errors included. Static assets set their own header.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.url.startsWith("/api/") || !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
  if (options.serverTiming) {
    // How long the server spent on each request (routing, database, rendering), in the standard
    // header browsers' developer tools show; the benchmarks read it as the server's time. Only when
    // configured: otherwise it hands every client a precise timing side channel.
    app.addHook("onSend", async (_request, reply, payload) => {
      reply.header("server-timing", `app;dur=${reply.elapsedTime.toFixed(1)}`);
      return payload;
    });
  }
  await app.register(cookie, { secret: await appSecret(db, "cookie-signing") });
  await app.register(formbody);
  await app.register(csrf, { cookieKey: CSRF_COOKIE, cookieOpts: { ...COOKIE_OPTIONS, signed: true } });
  await registerRateLimit(app, db);
  // After the security headers and cookies, before the session: an address the router refused.
  app.addHook("onRequest", raiseRouterError);
  // A partner system's bearer token first, so a request that brings one is never also a cookie session.
  await app.register(bearerTokenPlugin, { db });
  await app.register(sessionPlugin, { db, policy: options.session });

  // Every state-changing request carries a CSRF token: in the form body or the X-CSRF-Token header.
  // preValidation, because the token in a form body is only readable once the body is parsed.
  app.addHook("preValidation", (request, reply, done) => {
    if (["GET", "HEAD", "OPTIONS"].includes(request.method) || request.session?.viaToken) return done();
    app.csrfProtection(request, reply, done);
  });

  const govuk = path.join(packageDir("govuk-frontend"), "dist/govuk");
  const moj = path.join(packageDir("@ministryofjustice/frontend"), "moj");
  // The design system's fonts and images, at the paths its stylesheet names: kept a day (the fonts'
  // names carry their own hashes; the favicon's does not).
  await app.register(fastifyStatic, { root: path.join(govuk, "assets"), prefix: "/assets/", maxAge: "1d", immutable: false });
  // Stylesheets and scripts under a path that changes with them (STATIC_PREFIX): kept for good.
  await app.register(fastifyStatic, {
    root: [govuk, moj, publicDir],
    prefix: STATIC_PREFIX,
    maxAge: "365d",
    immutable: true,
    decorateReply: false,
    allowedPath: (pathName) => /\.(css|js|mjs|map)$/.test(pathName),
  });

  await app.register(view, {
    engine: { nunjucks },
    templates: viewDirs,
    viewExt: "njk",
    options: { onConfigure: configureNunjucks, autoescape: true, throwOnUndefined: false },
  });
  // Every page gets the actor, navigation and a CSRF token for its forms.
  app.addHook("preHandler", async (request, reply) => {
    if (request.url.startsWith("/api/")) return;
    const actor = request.session?.stage === "full" ? request.session.actor : undefined;
    reply.locals = {
      ...reply.locals,
      actor,
      navigation: navigationFor(actor, request.url.split("?")[0] ?? "/"),
      csrfToken: reply.generateCsrf(),
    };
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Safeshare API",
        version: "1.0.0",
        description: "Safeguarding information sharing",
        license: { name: "MIT", identifier: "MIT" },
      },
      // The paths already begin /api/v1 (the API's prefix), so the server is the public base URL itself.
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "An API client's token, for partner systems" },
          session: { type: "apiKey", in: "cookie", name: "safeshare_session", description: "A signed-in person's session (the web app)" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // The document describes the API: pages are for people, and a client generator has nothing to do with them.
    // A body is described as it is parsed, refusing unknown fields (`additionalProperties: false`).
    transform: (route) => {
      if (!route.url.startsWith("/api/")) return { schema: { hide: true }, url: route.url };
      const body = route.schema?.body as $ZodType | undefined;
      const transformed = jsonSchemaTransform(body ? { ...route, schema: { ...route.schema, body: refusingUnknownFields(body) } } : route);
      return { ...transformed, schema: withResponseHeaders(route.schema, transformed.schema) };
    },
    // Without it the schemas given ids (`.meta({ id })`, such as Problem) are referenced but never
    // written into components, and every such $ref dangles.
    transformObject: (document) => requireResponseHeaders(jsonSchemaTransformObject(document)),
  });

  registerErrorHandling(app, (request, error) => auditAccessDenied(db, request, error));
  const sendsEmail = options.sendsEmail ?? false;
  await app.register(apiRoutes, { prefix: "/api/v1", database: options.database, publicUrl: options.publicUrl, sendsEmail });
  await app.register(webRoutes, {
    database: options.database,
    publicUrl: options.publicUrl,
    sendsEmail,
    allowLocalWebhooks: options.allowLocalWebhooks ?? false,
    signInRateLimit: options.signInRateLimit ?? 10,
    scheduledJobs: allJobs(options.session)
      .filter((job) => job.cron)
      .map((job) => job.name),
  });
  return app;
}
