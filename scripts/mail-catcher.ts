/**
 * `npm run mail-catcher`: a local SMTP server for trying Safeshare's email (issue 19). It accepts every
 * message on port 1025 (MAIL_CATCHER_PORT to change it) and prints who it was for, its subject and its
 * text. Start Safeshare beside it with SAFESHARE_SMTP_URL=smtp://localhost:1025. For development only:
 * it needs the dev dependencies that `npm ci` installs.
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.MAIL_CATCHER_PORT ?? 1025);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
        console.log(`\n── ${new Date().toLocaleTimeString("en-GB")} to ${to}\n   ${mail.subject ?? "(no subject)"}\n\n${mail.text ?? ""}`);
        callback();
      })
      .catch(callback);
  },
});
server.listen(port, "127.0.0.1", () => {
  console.log(`Mail catcher listening on smtp://localhost:${port}: start Safeshare with SAFESHARE_SMTP_URL=smtp://localhost:${port}`);
});
