/**
 * A mail server that takes every message and reads none, in a process of its own: where a benchmark
 * sends mail while it times something else, so receiving it does not run on the timing client's
 * event loop. Prints its smtp:// address on the first line; stops when its parent closes stdin.
 */
import { startSmtpCatcher } from "../../test/support/smtp";

const sink = await startSmtpCatcher({ parse: false });
console.log(sink.url);
process.stdin.resume();
process.stdin.on("end", () => sink.close().then(() => process.exit(0)));
