/**
 * A plain email in the GOV.UK Notify style: a heading, short paragraphs, one link to act on. Text and
 * HTML carry the same words. Everything is escaped: nothing in a message is markup.
 */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  link?: { text: string; href: string };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(content: MailContent): { subject: string; text: string; html: string } {
  const text = [...content.paragraphs, ...(content.link ? [`${content.link.text}: ${content.link.href}`] : [])].join("\n\n");
  const html = [
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>',
    escapeHtml(content.subject),
    '</title></head><body style="font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c">',
    `<h1 style="font-size: 27px">${escapeHtml(content.subject)}</h1>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.link
      ? [`<p><a href="${escapeHtml(content.link.href)}" style="color: #1d70b8">${escapeHtml(content.link.text)}</a></p>`]
      : []),
    "</body></html>",
  ].join("");
  return { subject: content.subject, text, html };
}
