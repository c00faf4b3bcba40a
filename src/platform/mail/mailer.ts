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
  // A mail server that does not answer within these is retried later by the job, not waited on.
  const timeouts = new URL(url);
  for (const [name, ms] of Object.entries({ connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })) {
    if (!timeouts.searchParams.has(name)) timeouts.searchParams.set(name, String(ms));
  }
  const transport = nodemailer.createTransport(timeouts.toString());
  return {
    from,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}
