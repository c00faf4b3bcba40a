import { spawnSync } from "node:child_process";
import { findPostgresBin, startCluster } from "/work/wt-kinds/test/support/postgres-cluster";

const cluster = await startCluster(findPostgresBin()!);
try {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, SAFESHARE_TEST_PG_URL: cluster.url },
  });
  process.exitCode = r.status ?? 1;
} finally {
  cluster.stop();
}
