/** The records feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { recordsApi } from "./api/routes";
export { assertWorksWithRecords, loadSubject, RECORD_ROLES, type SubjectRow, viewSubjectRow } from "./services/access";
export { closeCase, reopenCase } from "./services/case-closure";
export { addChronologyEntry, chronologyRow, type NewChronologyEntry } from "./services/chronology";
export { acknowledgeConcern, closeConcern, raiseConcern } from "./services/concerns";
export { correctItem, disputeItem, type RecordItem, type RecordItemRow, recordItem, viewItem, viewItems } from "./services/items";
export { linkedPeople, linkSubjects } from "./services/links";
export { loadRecordsWorkDeadlines, viewRecordsWork } from "./services/load-work";
export { loadProtectedDetails, protectedDetailsSql } from "./services/protected-details";
export { searchSubjects } from "./services/search";
export { createSubject, fullNameOf } from "./services/subjects";
export { recordsWebPages } from "./web";
export { fullName, itemForPage, nhsDisplay, SUBJECT_KIND_SINGULAR, subjectHeader, subjectIdOf } from "./web/record-pages";
