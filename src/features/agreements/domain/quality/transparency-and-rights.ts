import { blank, type QualityCheck } from "./check";

/** Transparency: privacy notices and how practitioners tell families. */
export function checkTransparency({ content, add }: QualityCheck): void {
  const noNotices = blank(content.transparency.privacyNotices);
  const notInformed = blank(content.transparency.howSubjectsAreInformed);
  if (noNotices && notInformed)
    add("Q-NO-TRANSPARENCY", "transparency", "/transparency", "The agreement does not say how people are told about the sharing");
  else if (noNotices)
    add(
      "Q-TRANSPARENCY-INCOMPLETE",
      "transparency",
      "/transparency/privacyNotices",
      "The privacy notices that cover this sharing are not named",
    );
  else if (notInformed) {
    add(
      "Q-TRANSPARENCY-INCOMPLETE",
      "transparency",
      "/transparency/howSubjectsAreInformed",
      "The agreement does not say how practitioners tell children and families",
    );
  }
}

/** Individuals' rights: who handles requests, Article 19 notification and complaints. */
export function checkRights({ content, add }: QualityCheck): void {
  if (blank(content.rights.handling))
    add("Q-NO-RIGHTS-HANDLING", "rights", "/rights/handling", "The agreement does not say how individuals' rights requests are handled");
  if (!content.rights.recipientNotification) {
    add(
      "Q-NO-ART19-NOTIFICATION",
      "rights",
      "/rights/recipientNotification",
      "Recipients are not told of corrections, erasures or restrictions (Article 19)",
    );
  }
  if (blank(content.rights.complaints))
    add("Q-NO-COMPLAINTS", "rights", "/rights/complaints", "The agreement does not say how complaints are handled");
}
