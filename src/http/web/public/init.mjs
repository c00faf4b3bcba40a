// Progressive enhancement only: every journey works without this file.
import { initAll } from "/static/govuk-frontend.min.js";

initAll();
