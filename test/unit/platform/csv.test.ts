import assert from "node:assert/strict";
import { test } from "node:test";
import { toCsv } from "../../../src/platform/http/csv";

test("a CSV download opens in a spreadsheet as text: quoted, UTF-8 marked, and no cell runs as a formula", () => {
  const csv = toCsv([
    ["Who", "What"],
    ['Zoë "Jo" Ní Bhriain', '=HYPERLINK("http://evil")'],
    ["", "-1+1"],
  ]);
  assert.ok(csv.startsWith("\uFEFF"), "a byte-order mark, so accents read as UTF-8");
  assert.equal(csv.slice(1), '"Who","What"\r\n"Zoë ""Jo"" Ní Bhriain","\'=HYPERLINK(""http://evil"")"\r\n"","\'-1+1"\r\n');
});
