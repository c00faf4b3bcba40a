import { PURPOSE_LABELS } from "../purposes";
import { blank, type QualityCheck } from "./check";

/** Purposes: why information is shared, what it achieves and the harm of not sharing. */
export function checkPurposes({ content, add }: QualityCheck): void {
  if (content.purposes.items.length === 0) add("Q-NO-PURPOSE", "purposes", "/purposes/items", "No purpose for sharing is listed");
  content.purposes.items.forEach((purpose, i) => {
    if (purpose.code === "OTHER" && blank(purpose.description)) {
      add(
        "Q-PURPOSE-OTHER-UNDESCRIBED",
        "purposes",
        `/purposes/items/${i}/description`,
        `Purpose ${i + 1} is "${PURPOSE_LABELS.OTHER}" with no description`,
      );
    }
  });
  if (blank(content.purposes.benefits)) add("Q-NO-BENEFITS", "purposes", "/purposes/benefits", "The benefits of sharing are not described");
  if (blank(content.purposes.harmOfNotSharing)) {
    add("Q-NO-HARM-OF-NOT-SHARING", "purposes", "/purposes/harmOfNotSharing", "The harm of not sharing is not described");
  }
}

/** Data subjects: whose information is shared. */
export function checkDataSubjects({ content, add }: QualityCheck): void {
  if (content.dataSubjects.kinds.length === 0)
    add("Q-NO-DATA-SUBJECTS", "dataSubjects", "/dataSubjects/kinds", "No data subjects are listed");
  else if (content.dataSubjects.kinds.includes("OTHER") && blank(content.dataSubjects.notes)) {
    add("Q-SUBJECT-OTHER-UNDESCRIBED", "dataSubjects", "/dataSubjects/notes", 'Data subjects include "others" but they are not described');
  }
}

/** Data items: which information may be shared. */
export function checkDataItems({ content, add }: QualityCheck): void {
  if (content.dataItems.length === 0) add("Q-NO-DATA-ITEMS", "dataItems", "/dataItems", "No data items are listed");
}
