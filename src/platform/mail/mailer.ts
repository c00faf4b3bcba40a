import nodemailer from "nodemailer";

/**
 * Email over SMTP (nodemailer), configured by SAFESHARE_SMTP_URL and SAFESHARE_MAIL_FROM. Without a
 * URL there is no mailer: notifications stay in the app's own list (the outbox) and nothing is lost.
 * What goes by email carries no personal data (ARCHITECTURE.md "Notifications"): what kind of thing
 * is waiting, when it is due, and a link.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The message's own id, the same on every try: a mail server or client that already has it can
   * tell a resend after a crash from a new message.
   */
  messageId: string;
}

export interface Mailer {
  /** The address mail comes from. */
  from: string;
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string, from: string): Mailer {
  // A pool of a few connections kept open: a burst of notifications does not greet the server once
  // per message. A mail server that does not answer within the timeouts is retried later by the job.
  const options = new URL(url);
  const defaults = { pool: "true", maxConnections: "3", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };
  for (const [name, value] of Object.entries(defaults)) {
    if (!options.searchParams.has(name)) options.searchParams.set(name, value);
  }
  const transport = nodemailer.createTransport(options.toString());
  return {
    from,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}
