import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/schema.ts", "./src/db/schema-sharing.ts", "./src/db/schema-rights.ts"],
  out: "./drizzle",
});
