/** The form-drafts feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { discardDraft, loadDraft, saveDraft } from "./services/drafts";
