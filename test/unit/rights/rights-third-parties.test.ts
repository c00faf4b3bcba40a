import assert from "node:assert/strict";
import { test } from "node:test";
import { type LinkedName, namesInText } from "../../../src/features/rights/domain/third-parties";

const jade: LinkedName = {
  personId: "jade",
  name: "Jade Carter",
  description: "Jade Carter, parent or carer of Lily Carter",
  givenNames: "Jade",
  familyName: "Carter",
  otherNames: [],
};
const zofia: LinkedName = {
  personId: "zofia",
  name: "Zofia Wójcik",
  description: "Zofia Wójcik, lives with Lily Carter",
  givenNames: "Zofia Anna",
  familyName: "Wójcik",
  otherNames: ["Zosia Nowak"],
};
const about = ["Lily Carter"];

const marked = (text: string, people: LinkedName[]) =>
  namesInText(text, people, about)
    .segments.map((s) => (s.personId ? `[${s.text}]` : s.text))
    .join("");

test("a linked person's full name, given name, family name and other names are found, whatever the case or accents", () => {
  assert.equal(marked("Lily was collected by Jade Carter.", [jade]), "Lily was collected by [Jade Carter].");
  assert.equal(marked("JADE said she was fine; jade later rang.", [jade]), "[JADE] said she was fine; [jade] later rang.");
  assert.equal(
    marked("Mrs Wojcik and zofia wÓjcik came; Zosia Nowak too.", [zofia]),
    "Mrs [Wojcik] and [zofia wÓjcik] came; [Zosia Nowak] too.",
  );
  assert.equal(marked("Zofia Anna stayed.", [zofia]), "[Zofia Anna] stayed.");
});

test("only whole words are found, and the names of the people the request is about are never marked", () => {
  assert.equal(
    marked("Jadeite and Carterton are places; Lily Carter is the child.", [jade]),
    "Jadeite and Carterton are places; Lily Carter is the child.",
  );
  assert.equal(marked("Lily's mum (Jade) said so.", [jade]), "Lily's mum ([Jade]) said so.");
});

test("each name found is listed once, as written in the text, with who the person is; the segments rebuild the text exactly", () => {
  const text = "Jade Carter said Jade would call Zofia. Then jade did.";
  const result = namesInText(text, [jade, zofia], about);
  assert.equal(result.segments.map((s) => s.text).join(""), text);
  assert.deepEqual(
    result.found.map((f) => [f.text, f.personId]),
    [
      ["Jade Carter", "jade"],
      ["Jade", "jade"],
      ["Zofia", "zofia"],
      ["jade", "jade"],
    ],
  );
  assert.deepEqual(result.people, [jade.description, zofia.description]);
  assert.deepEqual(namesInText("Nothing to see.", [jade], about), { found: [], people: [], segments: [{ text: "Nothing to see." }] });
});

test("text written with combining accents is matched and cut at whole characters", () => {
  const decomposed = "Zofia Wo\u0301jcik visited.";
  const result = namesInText(decomposed, [zofia], about);
  assert.deepEqual(
    result.found.map((f) => f.text),
    ["Zofia Wo\u0301jcik"],
  );
});
