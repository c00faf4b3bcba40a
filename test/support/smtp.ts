import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { recordItems, subjects } from "../../src/features/records/schema";
import type { Db } from "../../src/platform/db/client";

/** A message as it arrived at the test's SMTP server: who it was for, and what it said. */
export interface ReceivedMail {
  /** The envelope's sender (MAIL FROM): which node sent it, when nodes are told apart by SAFESHARE_MAIL_FROM. */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  raw: string;
}

/**
 * A real SMTP server on a free local port (the `smtp-server` package, in-process), keeping every
 * message it accepts: mail tests assert on what arrives, never on a mock transport.
 * `beforeReply`: called once a message has arrived and before the server answers its DATA; until it
 * resolves the sender is left waiting, as behind a slow or stuck mail server (a node can be killed
 * mid-delivery, its message here but never acknowledged).
 * `parse: false`: keep each message raw, unread (a benchmark's sink, which must not spend the CPU it measures).
 */
export async function startSmtpCatcher(
  options: { beforeReply?: (mail: ReceivedMail) => Promise<void> | void; parse?: boolean } = {},
): Promise<{
  url: string;
  received: ReceivedMail[];
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed: Partial<ParsedMail> = options.parse === false ? {} : await simpleParser(raw);
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          messageId: parsed.messageId ?? "",
          raw,
        };
        received.push(mail);
        await options.beforeReply?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Fails if any message names a person on any record (a given or family name) or quotes any record
 * item: email carries no personal data (issue 19), whatever it is about.
 */
export async function assertNoPersonalData(db: Db, mails: readonly ReceivedMail[]): Promise<void> {
  const names = (await db.select({ given: subjects.givenNames, family: subjects.familyName }).from(subjects)).flatMap((s) => [
    s.given,
    s.family,
  ]);
  const texts = (await db.select({ text: recordItems.text }).from(recordItems)).map((i) => i.text.slice(0, 30));
  for (const mail of mails) {
    const everything = `${mail.subject}\n${mail.text}\n${mail.html}`;
    for (const said of [...names.filter((n) => n.length > 2), ...texts]) {
      assert.ok(!everything.includes(said), `“${mail.subject}” says “${said}”`);
    }
  }
}
