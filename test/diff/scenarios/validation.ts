import { code, type Scenario } from "./common.js";

function errors(name: string, cases: [string, string][]): Scenario {
  const list = JSON.stringify(cases);
  return {
    name,
    py: `for fmt, style in ${list}:\n    attempt(lambda: logging.Formatter(fmt, style=style))\n`,
    js: `for (const [fmt, style] of ${list}) attempt(() => new logging.Formatter(fmt, undefined, style));\n`,
  };
}

export const validation: Scenario[] = [
  errors("validation: % style needs a %(name)conversion field", [
    ["%(message)s", "%"],
    ["{asctime}", "%"],
    ["%(message)", "%"],
    ["plain text", "%"],
    ["%s", "%"],
    ["%(levelname)-8s", "%"],
    ["%(a)10.3f", "%"],
    ["%(a)z", "%"],
    ["%%(a)s", "%"],
    ["%(a)s %%", "%"],
    ["%(a)#x", "%"],
    ["%(a) d", "%"],
    ["%(a)*d", "%"],
  ]),
  errors("validation: { style fields, conversions and specs", [
    ["{message}", "{"],
    ["no fields", "{"],
    ["{name-thing}", "{"],
    ["{name!Z}", "{"],
    ["{levelno:.2ff}", "{"],
    ["{message", "{"],
    ["message}", "{"],
    ["{}", "{"],
    ["{0}", "{"],
    ["{a.b[0]}", "{"],
    ["{a:{b}}", "{"],
    ["{a!r:>10}", "{"],
    ["{{escaped}} {a}", "{"],
    ["{a:<<<}", "{"],
    ["{a:=^10,.2f}", "{"],
    ["{a!}", "{"],
    ["{a:z}", "{"],
    ["{a:10q}", "{"],
    ["{a:,_d}", "{"],
  ]),
  errors("validation: $ style fields", [
    ["$message", "$"],
    ["${message}", "$"],
    ["no fields", "$"],
    ["$", "$"],
    ["cost $5", "$"],
    ["$$ only", "$"],
    ["${a} $$ $b", "$"],
    ["${a", "$"],
    ["$ a", "$"],
  ]),
  errors("validation: unknown style", [
    ["%(message)s", "#"],
    ["{message}", ""],
    ["x", "%%"],
  ]),
  {
    name: "validation: validate=False skips validation but formatting still fails later",
    py: code`
f = logging.Formatter("no fields at all", style="%", validate=False)
print(f.format(logging.makeLogRecord({"msg": "m"})))
f = logging.Formatter("{name-thing}", style="{", validate=False)
attempt(lambda: f.format(logging.makeLogRecord({"msg": "m"})))
f = logging.Formatter("literal $", style="$", validate=False)
attempt(lambda: print(f.format(logging.makeLogRecord({"msg": "m"}))))
`,
    js: code`
let f = new logging.Formatter("no fields at all", undefined, "%", false);
print(f.format(logging.makeLogRecord({ msg: "m" })));
f = new logging.Formatter("{name-thing}", undefined, "{", false);
attempt(() => f.format(logging.makeLogRecord({ msg: "m" })));
f = new logging.Formatter("literal $", { style: "$", validate: false });
attempt(() => print(f.format(logging.makeLogRecord({ msg: "m" }))));
`,
  },
];
