// Progressive enhancement only: every journey works without this file.
// Not "init.mjs": /static/ also serves govuk-frontend's dist folder first, whose own init.mjs
// (a module that only exports initAll) would shadow ours and nothing would be initialised.
import { initAll } from "/static/govuk-frontend.min.js";

initAll();
