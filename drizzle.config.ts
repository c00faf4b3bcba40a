import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/platform/db/schema*.ts", "./src/features/*/schema.ts"],
  out: "./drizzle",
});
