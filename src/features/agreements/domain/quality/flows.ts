import { blank, listWords, type QualityCheck } from "./check";

/** Flows: what goes where, and whether recipients may pass it on. */
export function checkFlows({ content, add }: QualityCheck): void {
  if (content.flows.length === 0) add("Q-NO-FLOWS", "flows", "/flows", "No flows of information are described");
  content.flows.forEach((flow, i) => {
    if (flow.onwardDisclosure === "PERMITTED") {
      add(
        "Q-FLOW-ONWARD-PERMITTED",
        "flows",
        `/flows/${i}/onwardDisclosure`,
        `Flow "${flow.key}" lets recipients pass information on without the originator's agreement`,
      );
    }
    const undescribed = (["storage", "access", "use"] as const).filter((field) => blank(flow[field]));
    if (undescribed.length > 0) {
      add(
        "Q-FLOW-STAGES-UNDESCRIBED",
        "flows",
        `/flows/${i}`,
        `Flow "${flow.key}" does not describe ${listWords(undescribed.map(STAGE_WORDS))}`,
      );
    }
  });
}

const STAGE_WORDS = (field: "storage" | "access" | "use") =>
  field === "storage" ? "where it is stored" : field === "access" ? "who can access it" : "what it is used for";
