import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { type LevelOfNeed, levelsOfNeedInput } from "../domain/levels-of-need";
import { sharingSettingsInput } from "../domain/settings";
import { levelsOfNeed, setLevelsOfNeed, setSharingSettings, sharingSettings } from "../services/settings";

const levelOfNeedSchema = z.object({ code: z.string(), label: z.string() }).meta({ id: "LevelOfNeed" });
const presentLevelOfNeed = (l: LevelOfNeed): z.infer<typeof levelOfNeedSchema> => ({ code: l.code, label: l.label });
const levelsSchema = z.object({ levels: z.array(levelOfNeedSchema) }).meta({ id: "LevelsOfNeed" });

/** Partnership-wide settings: read by anyone signed in (forms need them), changed by partnership administrators. */
export async function settingsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["settings"];

  app.get(
    "/settings/levels-of-need",
    {
      schema: {
        operationId: "getLevelsOfNeed",
        tags,
        summary: "The partnership's scale of need that concerns are graded on, lowest first",
        response: { 200: levelsSchema, ...standardErrors },
      },
    },
    async () => ({ levels: (await levelsOfNeed(db)).map(presentLevelOfNeed) }),
  );
  app.put(
    "/settings/levels-of-need",
    {
      schema: {
        operationId: "replaceLevelsOfNeed",
        tags,
        summary: "Replace the scale of need (partnership administrators); concerns already raised keep their level",
        body: z.object({ levels: levelsOfNeedInput }),
        response: { 200: levelsSchema, ...standardErrors },
      },
    },
    async (request) => ({ levels: (await setLevelsOfNeed(db, actorOf(request), request.body.levels)).map(presentLevelOfNeed) }),
  );
  const sharingSchema = sharingSettingsInput.meta({ id: "SharingSettings" });
  app.get(
    "/settings/sharing",
    {
      schema: {
        operationId: "getSharingSettings",
        tags,
        summary:
          "The partnership's sharing deadlines and calendar: the emergency record's deadline, when to chase an acknowledgement, when an unopened emergency share is escalated, default access, whose bank holidays",
        response: { 200: sharingSchema, ...standardErrors },
      },
    },
    async () => sharingSettings(db),
  );
  app.put(
    "/settings/sharing",
    {
      schema: {
        operationId: "replaceSharingSettings",
        tags,
        summary: "Replace the sharing settings (partnership administrators); deadlines already set keep their dates",
        body: sharingSettingsInput,
        response: { 200: sharingSchema, ...standardErrors },
      },
    },
    async (request) => setSharingSettings(db, actorOf(request), request.body),
  );
}
