import { code, type Scenario } from "./common.js";

/** formatTime for a few instants and datefmts, in UTC via Formatter.converter = gmtime. */
function times(
  name: string,
  datefmts: (string | null)[],
  instants: [number, number][],
  extra: { env?: Record<string, string>; converter?: "gmtime" | "localtime" | "default" } = {},
): Scenario {
  const conv = extra.converter ?? "gmtime";
  const dl = JSON.stringify(datefmts);
  const il = JSON.stringify(instants);
  return {
    name,
    env: extra.env,
    py: code`
${conv === "default" ? "" : `logging.Formatter.converter = time.${conv}`}
f = logging.Formatter()
for c, ms in ${il}:
    r = logging.makeLogRecord({"created": c, "msecs": ms})
    for d in ${dl.replace(/null/g, "None")}:
        print(repr(d), repr(f.formatTime(r, d)))
`,
    js: code`
${conv === "default" ? "" : `logging.Formatter.converter = logging.${conv};`}
const f = new logging.Formatter();
for (const [c, ms] of ${il}) {
  const r = logging.makeLogRecord({ created: c, msecs: ms });
  for (const d of ${dl}) print(d === null ? "None" : __repr(d), __repr(f.formatTime(r, d)));
}
`,
  };
}

export const strftime: Scenario[] = [
  times(
    "strftime: default format with milliseconds",
    [null],
    [
      [1700000000.123, 123.0],
      [0.5, 500.0],
      [1700000000.0, 0.0],
      [951782400.007, 7.0],
      [4102444799.999, 999.0],
    ],
  ),
  times(
    "strftime: date and time codes",
    [
      "%Y-%m-%d %H:%M:%S",
      "%y/%m/%d",
      "%d.%m.%Y %I:%M %p",
      "%j %U %W %w %u",
      "%a %A %b %B %h",
      "%%Y %%",
      "%H%M%S",
      "%C %e|%D|%T|%R|%F",
    ],
    [
      [1700000000.123, 123.0],
      [951782400.0, 0.0],
      [1704067199.0, 0.0],
      [1704067200.0, 0.0],
      [1699920000.0, 0.0],
    ],
  ),
  times(
    "strftime: %c %x %X %Z %z and %G %V %g",
    ["%c", "%x", "%X", "%Z", "%z", "%G-W%V-%u %g"],
    [
      [1700000000.0, 0.0],
      [1704067200.0, 0.0],
      [1609459200.0, 0.0],
    ],
  ),
  times(
    "strftime: 12-hour clock edges",
    ["%I %p %l", "%H"],
    [
      [1699920000.0, 0.0],
      [1699963200.0, 0.0],
      [1699966800.0, 0.0],
      [1700006399.0, 0.0],
    ],
  ),
  times(
    "strftime: localtime converter in another zone",
    [null, "%Y-%m-%d %H:%M:%S %Z %z"],
    [
      [1700000000.123, 123.0],
      [1688000000.0, 0.0],
    ],
    { env: { TZ: "America/New_York" }, converter: "localtime" },
  ),
  times("strftime: default converter is local time (Asia/Kolkata)", [null, "%H:%M %z"], [[1700000000.5, 500.0]], {
    env: { TZ: "Asia/Kolkata" },
    converter: "default",
  }),
  {
    name: "strftime: default_msec_format and default_time_format overrides",
    py: code`
logging.Formatter.converter = time.gmtime
r = logging.makeLogRecord({"created": 1700000000.123, "msecs": 123.0})
f = logging.Formatter()
f.default_msec_format = None
print(f.formatTime(r))
f.default_msec_format = "%s.%03d"
print(f.formatTime(r))
f.default_time_format = "%H:%M:%S"
print(f.formatTime(r))
g = logging.Formatter("%(asctime)s %(message)s", datefmt="%d/%m/%Y")
r.msg = "m"
print(g.format(r))
`,
    js: code`
logging.Formatter.converter = logging.gmtime;
const r = logging.makeLogRecord({ created: 1700000000.123, msecs: 123.0 });
const f = new logging.Formatter();
f.default_msec_format = null;
print(f.formatTime(r));
f.default_msec_format = "%s.%03d";
print(f.formatTime(r));
f.default_time_format = "%H:%M:%S";
print(f.formatTime(r));
const g = new logging.Formatter("%(asctime)s %(message)s", "%d/%m/%Y");
r.msg = "m";
print(g.format(r));
`,
  },
  {
    name: "strftime: converter per instance and per class",
    env: { TZ: "Europe/Paris" },
    py: code`
r = logging.makeLogRecord({"created": 1700000000.123, "msecs": 123.0})
a = logging.Formatter(); b = logging.Formatter()
print(a.formatTime(r), b.formatTime(r))
b.converter = time.gmtime
print(a.formatTime(r), b.formatTime(r))
logging.Formatter.converter = time.gmtime
print(a.formatTime(r), b.formatTime(r))
class Utc(logging.Formatter):
    converter = time.localtime
print(Utc().formatTime(r, "%H:%M %Z"))
`,
    js: code`
const r = logging.makeLogRecord({ created: 1700000000.123, msecs: 123.0 });
const a = new logging.Formatter(), b = new logging.Formatter();
print(a.formatTime(r), b.formatTime(r));
b.converter = logging.gmtime;
print(a.formatTime(r), b.formatTime(r));
logging.Formatter.converter = logging.gmtime;
print(a.formatTime(r), b.formatTime(r));
class Utc extends logging.Formatter {}
Utc.converter = logging.localtime;
print(new Utc().formatTime(r, "%H:%M %Z"));
`,
  },
];
